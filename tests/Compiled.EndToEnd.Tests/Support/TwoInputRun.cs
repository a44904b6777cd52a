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
        int rounds = Math.Max(leftChunks.Count, rightChunks.Count);
        var run = await RestartedRun.InTwoRunsAsync<TOut>((sink, options) => start(leftSource, rightSource, sink, options), checkpoint, part =>
        {
            int from = part == 0 ? 0 : rounds / 2, to = part == 0 ? rounds / 2 : rounds;
            for (int i = from; i < to; i++)
            {
                if (i < leftChunks.Count) leftSource.AddData(leftChunks[i]);
                if (i < rightChunks.Count) rightSource.AddData(rightChunks[i]);
            }
        });
        return (run.Recorder, run.Emitted);
    }
}
