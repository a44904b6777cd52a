using Compiled.CrashHost;
using Compiled.CrashTests.TestSupport;
using Compiled.Diagnostics;
using Xunit.Abstractions;

namespace Compiled.CrashTests;

/// <summary>
/// The host runs a stateless query into the file sink and a stateful one into an idempotent foreachBatch writer,
/// is killed with SIGKILL at an injected point, and is restarted: the final output must equal the reference
/// exactly, with nothing lost and nothing duplicated.
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    private const string Doubled = DoubledPlan.QueryName;
    private const string Totals = TotalsPlan.QueryName;

    /// <summary>Every point the engine and the sinks hit, each at three batches (first, middle, last) and in the
    /// queries it applies to: <c>sink.renamed</c> exists only in the file sink.</summary>
    public static TheoryData<string, int, string> CrashCases => new()
    {
        { CrashPoints.BatchRunInMemory, 1, Totals },
        { CrashPoints.BatchRunInMemory, 6, Doubled },
        { CrashPoints.OffsetsWritten, 0, Doubled },
        { CrashPoints.OffsetsWritten, 5, Totals },
        { CrashPoints.OffsetsWritten, 11, Doubled },
        { CrashPoints.SinkMidWrite, 1, Doubled },
        { CrashPoints.SinkMidWrite, 6, Totals },
        { CrashPoints.SinkMidWrite, 11, Totals },
        { CrashPoints.SinkRenamed, 0, Doubled },
        { CrashPoints.SinkRenamed, 7, Doubled },
        { CrashPoints.SinkRenamed, 10, Doubled },
        { CrashPoints.SinkWritten, 0, Totals },
        { CrashPoints.SinkWritten, 4, Doubled },
        { CrashPoints.SinkWritten, 9, Totals },
        { CrashPoints.StateCheckpointed, 1, Totals },
        { CrashPoints.StateCheckpointed, 3, Doubled },
        { CrashPoints.StateCheckpointed, 11, Totals },
        { CrashPoints.CommitWritten, 2, Totals },
        { CrashPoints.CommitWritten, 8, Doubled },
        { CrashPoints.CommitWritten, 11, Doubled },
    };

    [Fact]
    public async Task A_run_without_a_crash_matches_the_reference()
    {
        using var workspace = new CrashWorkspace();
        var input = PrepareInput(workspace);

        await RunCleanAsync(workspace);

        AssertOutputs(workspace, input);
    }

    [Theory]
    [MemberData(nameof(CrashCases))]
    public Task A_crash_then_a_restart_matches_the_reference(string point, int batchId, string query) =>
        CrashAndRecoverAsync([(point, batchId, query)]);

    [Fact]
    public Task A_crash_while_replaying_the_batch_that_crashed_then_a_restart_matches_the_reference() =>
        // The restart replays batch 3, which meets the data file the first attempt left, then dies again.
        CrashAndRecoverAsync([(CrashPoints.SinkRenamed, 3, Doubled), (CrashPoints.SinkWritten, 3, Doubled)]);

    [Fact]
    public Task Two_crashes_at_different_points_then_a_restart_matches_the_reference() =>
        CrashAndRecoverAsync([(CrashPoints.StateCheckpointed, 4, Totals), (CrashPoints.SinkMidWrite, 9, Totals)]);

    private async Task CrashAndRecoverAsync((string Point, int BatchId, string Query)[] crashes)
    {
        using var workspace = new CrashWorkspace();
        var input = PrepareInput(workspace);

        foreach (var (point, batchId, query) in crashes)
        {
            string spec = $"{point}@{batchId}:{query}";
            HostResult crashed = await HostRunner.RunAsync(workspace, spec, StateStoreSupport.Kind);
            CrashEvidence.AssertKilledAt(crashed, spec);
            CrashEvidence.AssertLeftBehind(workspace, point, batchId, query);
        }
        await RunCleanAsync(workspace);

        AssertOutputs(workspace, input);
    }

    private InputData PrepareInput(CrashWorkspace workspace)
    {
        if (!StateStoreSupport.FasterAvailable)
            output.WriteLine("FASTER state is not in this build: the stateful query runs in memory and only its batch ids are checked.");
        var input = InputData.Create();
        input.WriteTo(workspace.Input);
        return input;
    }

    private static async Task RunCleanAsync(CrashWorkspace workspace)
    {
        HostResult result = await HostRunner.RunAsync(workspace, crashPoint: null, StateStoreSupport.Kind);
        Assert.True(result.ExitCode == 0, $"The restart without a crash point failed: {result}");
    }

    private static void AssertOutputs(CrashWorkspace workspace, InputData input)
    {
        OutputAssertions.AssertDoubled(workspace, input);
        OutputAssertions.AssertTotals(workspace, input, StateStoreSupport.FasterAvailable);
    }
}
