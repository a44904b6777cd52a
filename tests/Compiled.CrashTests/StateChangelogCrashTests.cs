using System.Globalization;
using Compiled.CrashHost;
using Compiled.CrashTests.TestSupport;
using Compiled.Diagnostics;

namespace Compiled.CrashTests;

/// <summary>
/// The durable state's own write path under SIGKILL: in the middle of a changelog frame, in the middle of a background
/// FASTER base, and during recovery itself; after a restart the Totals output must equal the reference exactly.
/// Damaged files a recovery needs are refused by name.
/// </summary>
public sealed class StateChangelogCrashTests
{
    private const string Totals = TotalsPlan.QueryName;

    /// <summary>
    /// Crash points inside the state provider, and the engine's point where the next batch has run while the previous
    /// one's changelog frame is being written; the Totals query takes a base every third batch (2, 5, 8, 11).
    /// </summary>
    public static TheoryData<string, int> StateCrashCases => new()
    {
        { CrashPoints.StateChangelogMidWrite, 0 },
        { CrashPoints.StateChangelogMidWrite, 4 },
        { CrashPoints.StateChangelogMidWrite, 11 },
        { CrashPoints.StateMidCheckpoint, 2 },
        { CrashPoints.StateMidCheckpoint, 8 },
        { CrashPoints.BatchRunInMemory, 3 },
        { CrashPoints.BatchRunInMemory, 9 },
    };

    [Theory]
    [MemberData(nameof(StateCrashCases))]
    public async Task A_crash_inside_the_state_write_path_then_a_restart_matches_the_reference(string point, int batchId)
    {
        using var workspace = new CrashWorkspace();
        InputData input = Prepare(workspace);

        await CrashAsync(workspace, $"{point}@{batchId}:{Totals}");
        if (point == CrashPoints.StateChangelogMidWrite)
        {
            // Died before the frame was whole: the batch did not commit, and its torn frame is on disk.
            Assert.False(File.Exists(Path.Combine(TotalsCheckpoint(workspace), "commits", Id(batchId))));
            Assert.True(ChangelogBytes(workspace) > 0);
        }
        else if (point == CrashPoints.BatchRunInMemory)
        {
            // Died while batch N ran ahead of the previous batch's commit (its changelog frame possibly half written).
            Assert.False(File.Exists(Path.Combine(TotalsCheckpoint(workspace), "commits", Id(batchId - 1))));
            Assert.False(File.Exists(Path.Combine(TotalsCheckpoint(workspace), "offsets", Id(batchId))));
        }

        await RunCleanAsync(workspace);
        AssertOutputs(workspace, input);
    }

    [Fact]
    public async Task A_crash_during_recovery_then_a_restart_matches_the_reference()
    {
        using var workspace = new CrashWorkspace();
        InputData input = Prepare(workspace);

        // Batch 7 dies after its sink output: the restart recovers to batch 6 (base 5 + one frame) and dies replaying.
        await CrashAsync(workspace, $"{CrashPoints.SinkWritten}@7:{Totals}");
        await CrashAsync(workspace, $"{CrashPoints.StateRecovering}@6:{Totals}");
        await RunCleanAsync(workspace);

        AssertOutputs(workspace, input);
    }

    [Fact]
    public async Task Crashes_at_every_state_point_in_one_run_then_a_restart_matches_the_reference()
    {
        using var workspace = new CrashWorkspace();
        InputData input = Prepare(workspace);

        await CrashAsync(workspace, $"{CrashPoints.StateChangelogMidWrite}@3:{Totals}");
        await CrashAsync(workspace, $"{CrashPoints.StateRecovering}@2:{Totals}");
        await CrashAsync(workspace, $"{CrashPoints.StateMidCheckpoint}@5:{Totals}");
        await CrashAsync(workspace, $"{CrashPoints.StateCheckpointed}@9:{Totals}");
        await RunCleanAsync(workspace);

        AssertOutputs(workspace, input);
    }

    [Fact]
    public async Task A_damaged_committed_changelog_frame_is_refused_naming_the_segment_and_batch()
    {
        using var workspace = new CrashWorkspace();
        Prepare(workspace);
        await RunCleanAsync(workspace);

        // The last segment holds the frames after the last base; flip a byte in the middle of it.
        string segment = Directory.EnumerateFiles(ChangelogDirectory(workspace)).Order(StringComparer.Ordinal).Last();
        byte[] bytes = File.ReadAllBytes(segment);
        bytes[bytes.Length / 2] ^= 0x5A;
        File.WriteAllBytes(segment, bytes);

        HostResult result = await HostRunner.RunAsync(workspace, crashPoint: null, StateStoreSupport.Kind);
        Assert.True(result.ExitCode == 1, $"A damaged changelog was accepted: {result}");
        Assert.Contains($"Changelog segment '{segment}' is damaged at batch", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_truncated_changelog_is_refused_naming_the_committed_batch()
    {
        using var workspace = new CrashWorkspace();
        Prepare(workspace);
        await RunCleanAsync(workspace);

        string segment = Directory.EnumerateFiles(ChangelogDirectory(workspace)).Order(StringComparer.Ordinal).Last();
        using (var stream = new FileStream(segment, FileMode.Open))
        {
            stream.SetLength(stream.Length - 10);
        }

        HostResult result = await HostRunner.RunAsync(workspace, crashPoint: null, StateStoreSupport.Kind);
        Assert.True(result.ExitCode == 1, $"A truncated changelog was accepted: {result}");
        Assert.Contains($"Changelog segment '{segment}' is damaged at batch {InputData.FileCount - 1}", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rolled_back_faster_log_is_refused_naming_the_file_and_the_base()
    {
        using var workspace = new CrashWorkspace();
        Prepare(workspace);
        await RunCleanAsync(workspace);

        // Which base recovery starts from depends on how far the base thread had got when the last frames were written, and
        // an older base needs only the start of a log: every log is rolled back to one byte, below what any base records.
        string[] logs = [.. Directory.EnumerateFiles(Path.Combine(TotalsCheckpoint(workspace), "state"), "hlog.log.*", SearchOption.AllDirectories)];
        Assert.NotEmpty(logs);
        foreach (string log in logs)
        {
            using var stream = new FileStream(log, FileMode.Open);
            stream.SetLength(1);
        }

        HostResult result = await HostRunner.RunAsync(workspace, crashPoint: null, StateStoreSupport.Kind);
        Assert.True(result.ExitCode == 1, $"A truncated FASTER log was accepted: {result}");
        Assert.Contains(logs, log => result.Stderr.Contains($"State file '{log}' of operator 'aggregate0' holds 1 bytes", StringComparison.Ordinal));
        Assert.Matches("the state base of batch [0-9]+ needs it", result.Stderr);
    }

    private static InputData Prepare(CrashWorkspace workspace)
    {
        Assert.True(StateStoreSupport.FasterAvailable, "These tests exercise the durable state store, which this build must have.");
        var input = InputData.Create();
        input.WriteTo(workspace.Input);
        return input;
    }

    private static async Task CrashAsync(CrashWorkspace workspace, string spec)
    {
        HostResult crashed = await HostRunner.RunAsync(workspace, spec, StateStoreSupport.Kind);
        CrashEvidence.AssertKilledAt(crashed, spec);
    }

    private static async Task RunCleanAsync(CrashWorkspace workspace)
    {
        HostResult result = await HostRunner.RunAsync(workspace, crashPoint: null, StateStoreSupport.Kind);
        Assert.True(result.ExitCode == 0, $"The run without a crash point failed: {result}");
    }

    private static void AssertOutputs(CrashWorkspace workspace, InputData input)
    {
        OutputAssertions.AssertDoubled(workspace, input);
        OutputAssertions.AssertTotals(workspace, input, durableState: true);
    }

    private static string TotalsCheckpoint(CrashWorkspace workspace) => HostLayout.TotalsCheckpoint(workspace.Checkpoint);

    private static string ChangelogDirectory(CrashWorkspace workspace) => Path.Combine(TotalsCheckpoint(workspace), "state", "_changelog");

    private static long ChangelogBytes(CrashWorkspace workspace) =>
        Directory.EnumerateFiles(ChangelogDirectory(workspace)).Sum(f => new FileInfo(f).Length);

    private static string Id(long batchId) => batchId.ToString(CultureInfo.InvariantCulture);
}
