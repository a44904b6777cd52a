namespace Compiled.CrashTests.TestSupport;

/// <summary>How one run of the crash host ended.</summary>
public sealed record HostResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>What .NET reports for a child killed by SIGKILL: 128 + 9, as a shell does.</summary>
    public const int KilledBySigKill = 137;

    public override string ToString() => $"exit code {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}
