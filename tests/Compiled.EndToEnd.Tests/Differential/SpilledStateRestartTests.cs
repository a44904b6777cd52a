using Compiled.EndToEnd.Tests.Queries;
using Compiled.EndToEnd.Tests.Support;

namespace Compiled.EndToEnd.Tests.Differential;

/// <summary>
/// Word count whose state outgrows the smallest FASTER memory budget: records spill to the log files, are read
/// back from disk by later batches (prefetched together before the merge) and by the Complete-mode scan, and survive a restart.
/// </summary>
public sealed class SpilledStateRestartTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Complete_result_stays_exact_when_state_lives_on_disk_across_a_restart()
    {
        var random = new Random(701);
        var lines = Enumerable.Range(0, 3000)
            .Select(_ => string.Join(' ', Enumerable.Range(0, 10).Select(_ => (random.Next(4) == 0 ? "Key" : "key") + random.Next(40_000))))
            .ToList();
        var chunks = InputData.Chunks(lines, 701, 500);
        var source = Source.Memory<string>("many-keys");
        var recorder = new ProgressRecorder();
        var options = new QueryOptions
        {
            CheckpointLocation = _dir.Combine("checkpoint"),
            StateStore = StateStoreKind.Faster,
            StateMemoryBudgetBytes = 1 << 20,
            Listeners = [recorder],
        };

        // Run 1 stops at the first batch whose state no longer fits in memory; run 2 recovers the spilled state.
        var firstSink = Sink.Memory<WordFrequency>();
        int read = 0;
        await using (var first = WordCounts.Start(source, firstSink, options))
        {
            while (read < chunks.Count && !Spilled(recorder.Progress.LastOrDefault()))
            {
                source.AddData(chunks[read++]);
                await first.ProcessAllAvailableAsync().Within();
            }
        }
        Assert.True(chunks.Count - read >= 2, $"state spilled only at chunk {read} of {chunks.Count}");
        var secondSink = Sink.Memory<WordFrequency>();
        await using (var second = WordCounts.Start(source, secondSink, options))
        {
            foreach (var chunk in chunks.Skip(read))
            {
                source.AddData(chunk);
                await second.ProcessAllAvailableAsync().Within();
            }
        }

        var ranges = recorder.MemoryRanges();
        foreach (var batch in firstSink.Batches.Concat(secondSink.Batches))
            Assert.Equal(Reference.WordCounts(lines.Take(ranges[batch.BatchId].End)), batch.Rows.OrderBy(w => w.Word, StringComparer.Ordinal));
        Assert.Equal(lines.Count, ranges.Values.Last().End);

        var afterRestart = recorder.Progress.Where(p => p.BatchId > firstSink.LastBatchId).Select(p => Assert.Single(p.StateOperators)).ToList();
        Assert.True(afterRestart[^1].NumRowsTotal > 20_000, $"{afterRestart[^1].NumRowsTotal} keys");
        // The generated merge hands each batch's keys to the store first: spilled keys are read together, none one at a time.
        Assert.Contains(afterRestart, s => s.CustomMetrics["prefetchReads"] > 0);
        Assert.All(afterRestart, s => Assert.Equal(0, s.CustomMetrics["baseReads"]));
    }

    private static bool Spilled(StreamingQueryProgress? progress) =>
        progress is not null && progress.StateOperators[0].CustomMetrics["keysInMemory"] < progress.StateOperators[0].NumRowsTotal;
}
