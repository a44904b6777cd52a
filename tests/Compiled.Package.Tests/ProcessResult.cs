using System.Text.RegularExpressions;

namespace Compiled.Package.Tests;

/// <summary>How a child process ended: its exit code, its stdout and stderr interleaved, and how long it ran.</summary>
internal sealed partial record ProcessResult(int ExitCode, string Output, TimeSpan Duration)
{
    /// <summary>
    /// The distinct MSBuild diagnostic lines of the given kind ("warning" or "error"), e.g.
    /// <c>Query.cs(5,17): error CQ1001: …</c>. The console logger repeats each one in its summary.
    /// </summary>
    public IReadOnlyList<string> Diagnostics(string kind) =>
        Output.Split('\n')
            .Select(line => line.Trim())
            .Where(line => DiagnosticLine().Match(line) is { Success: true } m && m.Groups["kind"].Value == kind)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>Whether a diagnostic line of the given kind carries <paramref name="id"/>.</summary>
    public bool HasDiagnostic(string kind, string id) =>
        Diagnostics(kind).Any(line => line.Contains($" {kind} {id}:", StringComparison.Ordinal));

    /// <summary>For assertion messages: the exit code and the whole output.</summary>
    public override string ToString() => $"exit code {ExitCode} after {Duration.TotalSeconds:0.0} s; output:\n{Output}";

    [GeneratedRegex(@":\s(?<kind>warning|error)\s[A-Z]+[0-9]+\s*:")]
    private static partial Regex DiagnosticLine();
}
