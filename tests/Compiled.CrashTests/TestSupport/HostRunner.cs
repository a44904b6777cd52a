using System.Diagnostics;
using Compiled.Diagnostics;

namespace Compiled.CrashTests.TestSupport;

/// <summary>Runs the crash host (<c>Compiled.CrashHost.dll</c>, copied next to the tests by the project reference) as a child process.</summary>
public static class HostRunner
{
    /// <summary>A run that takes longer is killed and fails the test: a hang is a bug, not a slow machine.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static readonly string HostDll = Path.Combine(AppContext.BaseDirectory, "Compiled.CrashHost.dll");

    /// <summary>Runs the host on <paramref name="workspace"/>, dying at <paramref name="crashPoint"/> when given.</summary>
    /// <param name="workspace">Input, output and checkpoint directories.</param>
    /// <param name="crashPoint">The <c>COMPILED_CRASH_POINT</c> value, or null for a run that must not crash.</param>
    /// <param name="stateStore">The state store of the stateful query.</param>
    public static Task<HostResult> RunAsync(CrashWorkspace workspace, string? crashPoint, StateStoreKind stateStore) =>
        RunAsync(HostDll, [workspace.Input, workspace.Output, workspace.Checkpoint, stateStore.ToString()], crashPoint);

    /// <summary>Runs the host's keyed queries (<c>keyed</c> mode) on <paramref name="workspace"/>, dying at <paramref name="crashPoint"/> when given.</summary>
    public static Task<HostResult> RunKeyedAsync(CrashWorkspace workspace, string? crashPoint) =>
        RunAsync(HostDll, ["keyed", workspace.Input, workspace.Output, workspace.Checkpoint], crashPoint);

    /// <summary>Runs the host program <paramref name="hostDll"/> with <paramref name="arguments"/>, dying at <paramref name="crashPoint"/> when given.</summary>
    public static async Task<HostResult> RunAsync(string hostDll, IReadOnlyList<string> arguments, string? crashPoint)
    {
        if (!File.Exists(hostDll)) throw new FileNotFoundException($"The crash host was not copied next to the tests: '{hostDll}'.", hostDll);
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(hostDll);
        foreach (string arg in arguments) start.ArgumentList.Add(arg);
        start.Environment.Remove(CrashPoints.VariableName);
        if (crashPoint is not null) start.Environment[CrashPoints.VariableName] = crashPoint;

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the crash host.");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException(
                $"The crash host ({crashPoint ?? "no crash point"}) did not finish within {Timeout.TotalSeconds} s.\n--- stderr ---\n{await stderr}");
        }
        return new HostResult(process.ExitCode, await stdout, await stderr);
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
