using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Compiled.Analyzers.Tests.Harness;

/// <summary>
/// Runs one analyzer over a test source and checks that it reports exactly the marked spans:
/// <c>[|…|]</c> for the analyzer's own id, <c>{|ID:…|}</c> for a named one.
/// </summary>
internal static class AnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>Asserts that the analyzer reports exactly the diagnostics <paramref name="markup"/> marks.</summary>
    public static async Task VerifyAsync(string markup, params string[] extraSources)
    {
        var analyzer = new TAnalyzer();
        var (source, expected) = TestMarkup.Parse(markup, DefaultId(analyzer));
        var diagnostics = await GetDiagnosticsAsync(analyzer, source, extraSources);
        Assert.All(diagnostics, d => Assert.Equal(TestCompilation.TestFilePath, d.Location.SourceTree?.FilePath));
        var actual = diagnostics.Select(d => new ExpectedDiagnostic(d.Id, d.Location.SourceSpan));
        AssertSame(source, expected, actual, diagnostics);
    }

    /// <summary>The analyzer's diagnostics on the markup-free <paramref name="source"/>, for checking messages.</summary>
    public static Task<ImmutableArray<Diagnostic>> GetDiagnosticsAsync(string source, params string[] extraSources) =>
        GetDiagnosticsAsync(new TAnalyzer(), source, extraSources);

    private static async Task<ImmutableArray<Diagnostic>> GetDiagnosticsAsync(TAnalyzer analyzer, string source, string[] extraSources)
    {
        var compilation = TestCompilation.Create([source, .. extraSources]);
        TestCompilation.AssertCompiles(compilation);
        return await AnalyzerRunner.RunAsync(analyzer, compilation);
    }

    private static string? DefaultId(DiagnosticAnalyzer analyzer) =>
        analyzer.SupportedDiagnostics.Select(d => d.Id).Distinct().SingleOrDefault();

    private static void AssertSame(string source, ImmutableArray<ExpectedDiagnostic> expected,
        IEnumerable<ExpectedDiagnostic> actual, ImmutableArray<Diagnostic> diagnostics)
    {
        var want = expected.OrderBy(e => e.Span.Start).ThenBy(e => e.Id, StringComparer.Ordinal).ToArray();
        var got = actual.OrderBy(e => e.Span.Start).ThenBy(e => e.Id, StringComparer.Ordinal).ToArray();
        if (want.SequenceEqual(got)) return;
        Assert.Fail($"""
            Expected diagnostics:
            {Describe(source, want)}
            Reported:
            {Describe(source, got)}
            Messages:
            {string.Join("\n", diagnostics.Select(d => "  " + d))}
            """);
    }

    private static string Describe(string source, IEnumerable<ExpectedDiagnostic> diagnostics)
    {
        var lines = diagnostics.Select(d => $"  {d.Id} {d.Span} '{source.Substring(d.Span.Start, d.Span.Length)}'").ToArray();
        return lines.Length == 0 ? "  (none)" : string.Join("\n", lines);
    }
}
