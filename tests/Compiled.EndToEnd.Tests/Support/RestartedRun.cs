using Compiled.Sinks;
using Compiled.Sources;

namespace Compiled.EndToEnd.Tests.Support;

/// <summary>What <see cref="RestartedRun.RunAsync{TRow, TOut}"/> observed.</summary>
/// <param name="Emitted">Each batch's output rows, by batch id.</param>
/// <param name="Recorder">Every batch's progress over both runs.</param>
/// <param name="FirstOfSecondRun">The first batch id of the second run (-1 when the first run ran no batch).</param>
internal sealed record RestartedRunResult<TOut>(Dictionary<long, IReadOnlyList<TOut>> Emitted, ProgressRecorder Recorder, long FirstOfSecondRun);

/// <summary>
/// Runs a generated query over FASTER state in two runs on one checkpoint: the first half of the chunks, a graceful
/// stop, then a restarted query over the second half; records every batch's output and progress.
/// </summary>
internal static class RestartedRun
{
    public static Task<RestartedRunResult<TOut>> RunAsync<TRow, TOut>(
        Func<ISource<TRow>, ISink<TOut>, QueryOptions?, StreamingQuery> start, MemorySource<TRow> source, IReadOnlyList<TRow[]> chunks,
        string checkpointLocation)
    {
        int half = chunks.Count / 2;
        return InTwoRunsAsync<TOut>((sink, options) => start(source, sink, options), checkpointLocation, run =>
        {
            foreach (var chunk in run == 0 ? chunks.Take(half) : chunks.Skip(half)) source.AddData(chunk);
        });
    }

    /// <summary>
    /// Starts the query twice on one checkpoint over FASTER state; before each run has processed everything,
    /// <paramref name="feed"/> adds that run's input (run 0, then run 1); each run ends with a graceful stop.
    /// </summary>
    public static async Task<RestartedRunResult<TOut>> InTwoRunsAsync<TOut>(
        Func<ISink<TOut>, QueryOptions, StreamingQuery> start, string checkpointLocation, Action<int> feed)
    {
        var recorder = new ProgressRecorder();
        var options = new QueryOptions
        {
            CheckpointLocation = checkpointLocation,
            StateStore = StateStoreKind.Faster,
            StateMemoryBudgetBytes = 1 << 20,
            Listeners = [recorder],
        };
        var emitted = new Dictionary<long, IReadOnlyList<TOut>>();
        ISink<TOut> NewSink() => Sink.ForeachBatch<TOut>((rows, batchId) =>
        {
            lock (emitted) emitted[batchId] = rows;
        });

        long firstOfSecondRun = -1;
        for (int run = 0; run < 2; run++)
        {
            if (firstOfSecondRun < 0 && recorder.Progress.Count > 0) firstOfSecondRun = recorder.Progress.Max(p => p.BatchId) + 1;
            await using var query = start(NewSink(), options);
            feed(run);
            await query.ProcessAllAvailableAsync().Within();
            await query.StopAsync().Within();
            Assert.Null(query.Exception);
        }
        return new RestartedRunResult<TOut>(emitted, recorder, firstOfSecondRun);
    }
}
