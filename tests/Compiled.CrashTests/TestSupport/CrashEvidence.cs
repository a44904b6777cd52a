using System.Globalization;
using Compiled.CrashHost;
using Compiled.Diagnostics;
using Compiled.IO;
using Compiled.Sinks.Files;

namespace Compiled.CrashTests.TestSupport;

/// <summary>Checks that a crashed run died where it was told to and left the files that point implies, so each case
/// really exercises the recovery it is named after.</summary>
public static class CrashEvidence
{
    /// <summary>The run was killed by SIGKILL right after announcing <paramref name="crashPoint"/>.</summary>
    public static void AssertKilledAt(HostResult result, string crashPoint)
    {
        Assert.True(result.ExitCode == HostResult.KilledBySigKill, $"Expected a SIGKILL at {crashPoint}, got {result}");
        Assert.True(result.Stderr.Contains(CrashPoints.Marker + crashPoint, StringComparison.Ordinal), $"The crash point {crashPoint} was not announced: {result}");
    }

    /// <summary>The checkpoint and output of <paramref name="query"/> are in the state a crash at <paramref name="point"/> of batch <paramref name="batchId"/> leaves.</summary>
    public static void AssertLeftBehind(CrashWorkspace workspace, string point, long batchId, string query)
    {
        bool doubled = query == DoubledPlan.QueryName;
        string checkpoint = doubled ? HostLayout.DoubledCheckpoint(workspace.Checkpoint) : HostLayout.TotalsCheckpoint(workspace.Checkpoint);
        string id = batchId.ToString(CultureInfo.InvariantCulture);
        if (point == CrashPoints.BatchRunInMemory)
        {
            // Batch N ran ahead of batch N-1's commit: neither commits/N-1 nor offsets/N is written.
            string previous = (batchId - 1).ToString(CultureInfo.InvariantCulture);
            Assert.False(File.Exists(Path.Combine(checkpoint, "offsets", id)), $"offsets/{id} of {query} exists after a crash at {point}.");
            Assert.False(File.Exists(Path.Combine(checkpoint, "commits", previous)), $"commits/{previous} of {query} exists after a crash at {point}.");
        }
        else
        {
            Assert.True(File.Exists(Path.Combine(checkpoint, "offsets", id)), $"offsets/{id} of {query} is missing after a crash at {point}.");
        }
        Assert.Equal(point == CrashPoints.CommitWritten, File.Exists(Path.Combine(checkpoint, "commits", id)));

        string output = doubled ? HostLayout.DoubledOutput(workspace.Output) : HostLayout.TotalsOutput(workspace.Output);
        string[] names = Directory.Exists(output) ? Directory.EnumerateFiles(output).Select(p => Path.GetFileName(p)!).ToArray() : [];
        bool committed = doubled
            ? File.Exists(FileSinkManifest.PathFor(output, batchId))
            : names.Contains($"batch-{batchId:D5}.jsonl");
        bool sinkDone = point is CrashPoints.SinkWritten or CrashPoints.StateMidCheckpoint or CrashPoints.StateCheckpointed or CrashPoints.CommitWritten;
        Assert.True(committed == sinkDone, $"After a crash at {point} of batch {id}, the sink output of {query} should {(sinkDone ? "" : "not ")}be committed; files: {string.Join(", ", names)}");

        string part = FileSink<Doubled>.PartPrefixFor(batchId);
        switch (point, doubled)
        {
            case (CrashPoints.SinkMidWrite, true):
                Assert.Contains(names, n => n.StartsWith(DurableFile.TempPrefix + part, StringComparison.Ordinal));
                Assert.DoesNotContain(names, n => n.StartsWith(part, StringComparison.Ordinal));
                break;
            case (CrashPoints.SinkRenamed, true):
                Assert.Contains(names, n => n.StartsWith(part, StringComparison.Ordinal));
                break;
            case (CrashPoints.SinkMidWrite, false):
                Assert.Contains($".batch-{batchId:D5}.jsonl.tmp", names);
                break;
        }
    }
}
