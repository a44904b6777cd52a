using Compiled.CrashHost;
using Compiled.Diagnostics;
using Compiled.SinkCrashHost;

namespace Compiled.CrashTests.SinkMatrix;

/// <summary>
/// The crash matrix: for each sink, every crash point its queries pass, each at the first, a middle and the last
/// batch, plus double crashes (a crash while replaying the batch that crashed; two crashes at different batches).
/// A case is a list of <c>point@batch:query</c> specs, one per crashed run, separated by <c>;</c>.
/// </summary>
public static class SinkCrashCases
{
    /// <summary>The batches each point is crashed at: the input has <see cref="TestSupport.InputData.FileCount"/> files, one per batch.</summary>
    private static readonly int[] BatchIds = [0, 5, TestSupport.InputData.FileCount - 1];

    /// <summary>The cases of <paramref name="kind"/>.</summary>
    public static TheoryData<string> For(SinkKind kind)
    {
        string[] queries = QueriesOf(kind);
        var cases = new TheoryData<string>();
        int n = 0;
        foreach (string point in PointsOf(kind))
        {
            foreach (int batchId in BatchIds) cases.Add($"{point}@{batchId}:{queries[n++ % queries.Length]}");
        }
        string last = queries[^1];
        cases.Add($"{CrashPoints.SinkMidWrite}@3:{queries[0]};{CrashPoints.SinkWritten}@3:{queries[0]}");
        cases.Add($"{CrashPoints.StateCheckpointed}@2:{last};{CrashPoints.CommitWritten}@8:{last}");
        cases.Add($"{CrashPoints.OffsetsWritten}@1:{last};{CrashPoints.SinkMidWrite}@1:{last}");
        return cases;
    }

    /// <summary>The queries the host runs for <paramref name="kind"/>, by name.</summary>
    public static string[] QueriesOf(SinkKind kind) => kind switch
    {
        SinkKind.File => [NumberedPlan.QueryName],
        SinkKind.ForeachBatch => [TotalsPlan.QueryName],
        _ => [TotalsPlan.QueryName, NumberedPlan.QueryName],
    };

    /// <summary>
    /// Every point a batch of <paramref name="kind"/>'s queries passes (<c>sink.renamed</c> exists only in the file sink;
    /// <c>state.recovering</c> is passed while a restart recovers, not by a batch: StateChangelogCrashTests crash there).
    /// </summary>
    private static IEnumerable<string> PointsOf(SinkKind kind) =>
        CrashPoints.Known.Where(point => (point != CrashPoints.SinkRenamed || kind == SinkKind.File) && point != CrashPoints.StateRecovering);
}
