using System.Diagnostics;
using System.Text;

namespace Compiled.Package.Tests;

/// <summary>
/// Runs the <c>dotnet</c> CLI as a child process with a clean environment, a time limit and its
/// stdout and stderr captured together.
/// </summary>
internal static class DotnetCli
{
    /// <summary>
    /// Runs <c>dotnet <paramref name="arguments"/></c> in <paramref name="workingDirectory"/>; throws
    /// <see cref="TimeoutException"/> (with the output so far) and kills the process tree when it
    /// takes longer than <paramref name="timeout"/>.
    /// </summary>
    /// <param name="environment">Variables to set (a null value removes the variable).</param>
    public static async Task<ProcessResult> RunAsync(
        IReadOnlyList<string> arguments,
        string workingDirectory,
        TimeSpan timeout,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(DotnetExecutable())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        PrepareEnvironment(start.Environment, environment);

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        var stopwatch = Stopwatch.StartNew();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            // Also waits for both streams to close, so the output is complete when it returns.
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException(
                $"'dotnet {string.Join(' ', arguments)}' in {workingDirectory} did not finish within {timeout.TotalSeconds:0} s; output so far:\n{Snapshot(output)}");
        }
        return new ProcessResult(process.ExitCode, Snapshot(output), stopwatch.Elapsed);
    }

    /// <summary>The dotnet host that runs these tests (so the child uses the same SDK), else the one on PATH.</summary>
    private static string DotnetExecutable() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static void PrepareEnvironment(IDictionary<string, string?> target, IReadOnlyDictionary<string, string?>? overrides)
    {
        // The test host may run inside an MSBuild or VSTest process whose MSBuild* variables (SDK paths,
        // node settings) would make the child build resolve a different SDK or join the parent's nodes.
        foreach (string name in target.Keys.ToList())
        {
            if (name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)) target.Remove(name);
        }
        target["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        target["DOTNET_NOLOGO"] = "1";
        target["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        // Plain console logger output, one diagnostic per line, as the assertions read it.
        target["MSBUILDTERMINALLOGGER"] = "off";
        foreach (var (name, value) in overrides ?? new Dictionary<string, string?>())
        {
            if (value is null) target.Remove(name);
            else target[name] = value;
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null) return;
        lock (output) output.AppendLine(line);
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output) return output.ToString();
    }
}
