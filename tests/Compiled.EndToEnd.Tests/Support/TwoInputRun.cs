using Compiled.Sinks;
using Compiled.Sources;

namespace Compiled.EndToEnd.Tests.Support;

/// <summary>
/// Runs a generated query of two inputs (a join, a union) over FASTER state: both inputs in random chunks under
/// per-trigger row limits, so the engine chooses the batches, with a graceful stop and a restart on the same checkpoint
/// halfway; records every batch's progress and output.
/// </summary>
internal static class TwoInputRun
{
    /// <returns>The progress of every batch and each batch's output rows by batch id.</returns>
    public static async Task<(ProgressRecorder Recorder, Dictionary<long, IReadOnlyList<TOut>> Emitted)> RunAsync<TLeft, TRight, TOut>(
        Func<ISource<TLeft>, ISource<TRight>, ISink<TOut>, QueryOptions?, StreamingQuery> start,
        List<TLeft> lefts, List<TRight> rights, int seed, string checkpoint)
    {
        var leftChunks = InputData.Chunks(lefts, seed, 60);
        var rightChunks = InputData.Chunks(rights, seed + 1, 60);
        var leftSource = Source.Memory<TLeft>("left", maxRowsPerTrigger: 20 + seed % 17);
        var rightSource = Source.Memory<TRight>("right", maxRowsPerTrigger: 15 + seed % 13);
        var recorder = new ProgressRecorder();
        var options = new QueryOptions
        {
            CheckpointLocation = checkpoint,
            StateStore = StateStoreKind.Faster,
            StateMemoryBudgetBytes = 1 << 20,
            Listeners = [recorder],
        };
        var emitted = new Dictionary<long, IReadOnlyList<TOut>>();
        ISink<TOut> NewSink() => Sink.ForeachBatch<TOut>((rows, batchId) =>
        {
            lock (emitted) emitted[batchId] = rows;
        });

        int rounds = Math.Max(leftChunks.Count, rightChunks.Count);
        foreach (var (from, to) in new[] { (0, rounds / 2), (rounds / 2, rounds) })
        {
            await using var query = start(leftSource, rightSource, NewSink(), options);
            for (int i = from; i < to; i++)
            {
                if (i < leftChunks.Count) leftSource.AddData(leftChunks[i]);
                if (i < rightChunks.Count) rightSource.AddData(rightChunks[i]);
            }
            await query.ProcessAllAvailableAsync().Within();
            await query.StopAsync().Within();
            Assert.Null(query.Exception);
        }
        return (recorder, emitted);
    }
}
