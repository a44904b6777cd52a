using Compiled.CrashTests.TestSupport;
using Compiled.SinkCrashHost;

namespace Compiled.CrashTests.SinkMatrix;

/// <summary>
/// Runs one case of the matrix: the host of one sink kind is killed at each crash spec in turn, then rerun without
/// one; the outputs must then equal the reference computed with LINQ (<see cref="SinkOutputs"/>).
/// </summary>
public static class SinkCrashScenario
{
    private static readonly string HostDll = Path.Combine(AppContext.BaseDirectory, "Compiled.SinkCrashHost.dll");

    /// <summary>Runs <paramref name="crashes"/> (specs separated by <c>;</c>) against <paramref name="kind"/>.</summary>
    /// <param name="kind">The sink.</param>
    /// <param name="crashes">The crash specs, one per crashed run.</param>
    /// <param name="server">The server's connection string (<see cref="SinkKind.Postgres"/>) or bootstrap servers (<see cref="SinkKind.Kafka"/>).</param>
    public static async Task RunAsync(SinkKind kind, string crashes, string? server = null)
    {
        using var workspace = new CrashWorkspace();
        var input = InputData.Create();
        input.WriteTo(workspace.Input);
        // Cases share the PostgreSQL server or Kafka cluster: each writes tables or topics of its own.
        string prefix = "m" + Guid.NewGuid().ToString("N")[..10] + "_";
        string[] arguments = [kind.ToString(), workspace.Input, workspace.Output, workspace.Checkpoint, StateStoreKind.Faster.ToString(), server ?? "", prefix];

        foreach (string spec in crashes.Split(';'))
        {
            HostResult crashed = await HostRunner.RunAsync(HostDll, arguments, spec);
            CrashEvidence.AssertKilledAt(crashed, spec);
        }
        HostResult clean = await HostRunner.RunAsync(HostDll, arguments, crashPoint: null);
        Assert.True(clean.ExitCode == 0, $"The restart without a crash point failed: {clean}");

        SinkOutputs.Assert(kind, workspace, input, server, prefix);
    }
}
