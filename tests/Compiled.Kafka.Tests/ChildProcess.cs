using System.Diagnostics;

namespace Compiled.Kafka.Tests;

/// <summary>Starts the programs the process-level tests talk to: .NET programs copied next to the tests, and kcat.</summary>
internal static class ChildProcess
{
    /// <summary>Starts <c>dotnet &lt;dll&gt; args…</c> for a program copied next to the tests by a project reference.</summary>
    /// <param name="defaultSigint">
    /// Restores SIGINT's default in the child first (through <c>env</c>), as a terminal's Ctrl+C finds it: a shell starts
    /// background jobs with SIGINT ignored, and the child would inherit that when the tests run in one.
    /// </param>
    public static Process StartDotnet(string dll, IEnumerable<string> args, IDictionary<string, string?>? environment = null, bool defaultSigint = false)
    {
        string path = Path.Combine(AppContext.BaseDirectory, dll);
        if (!File.Exists(path)) throw new FileNotFoundException($"'{dll}' was not copied next to the tests.", path);
        return defaultSigint
            ? Start("env", ["--default-signal=INT", DotnetHost(), path, .. args], environment)
            : Start(DotnetHost(), [path, .. args], environment);
    }

    /// <summary>Starts <paramref name="program"/> with redirected standard streams.</summary>
    public static Process Start(string program, IEnumerable<string> args, IDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in args) start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) start.Environment.Remove(key);
            else start.Environment[key] = value;
        }
        return Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
    }

    /// <summary>Sends SIGTERM (Process.Kill would send SIGKILL).</summary>
    public static void Terminate(Process process)
    {
        using var kill = Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>Waits for <paramref name="process"/> to exit; kills it and fails after <paramref name="timeout"/>.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> WaitAsync(Process process, TimeSpan timeout, Task<string>? stdout = null)
    {
        stdout ??= process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"{process.StartInfo.FileName} {string.Join(' ', process.StartInfo.ArgumentList)} did not finish within {timeout}.\n--- stderr ---\n{await stderr}");
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>The dotnet executable that runs these tests (the SDK names it in DOTNET_HOST_PATH), else the one on the PATH.</summary>
    private static string DotnetHost()
    {
        string? hostPath = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(hostPath) && File.Exists(hostPath)) return hostPath;
        string? current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet") return current;
        return "dotnet";
    }
}
