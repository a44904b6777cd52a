using Compiled.EndToEnd.Tests.Queries;
using Compiled.EndToEnd.Tests.Support;

namespace Compiled.EndToEnd.Tests.Differential;

/// <summary>
/// Complete-mode word count through the real engine and FASTER state: stopped midway, restarted as a new query
/// instance on the same checkpoint; every batch's whole result equals LINQ over the rows read so far.
/// </summary>
public sealed class WordCountRestartTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(101)]
    [InlineData(102)]
    public async Task Complete_result_after_every_batch_equals_linq_across_a_restart(int seed)
    {
        var lines = InputData.Lines(1200, seed);
        var chunks = InputData.Chunks(lines, seed, 90);
        int half = chunks.Count / 2;
        var source = Source.Memory<string>("lines");
        var recorder = new ProgressRecorder();
        var options = new QueryOptions
        {
            CheckpointLocation = _dir.Combine("checkpoint"),
            StateStore = StateStoreKind.Faster,
            StateMemoryBudgetBytes = 1 << 20,
            Listeners = [recorder],
        };

        var firstSink = Sink.Memory<WordFrequency>("first");
        var first = WordCounts.Start(source, firstSink, options);
        foreach (var chunk in chunks.Take(half))
        {
            source.AddData(chunk);
            await first.ProcessAllAvailableAsync().Within();
        }
        await first.StopAsync().Within();
        Assert.Null(first.Exception);

        // A new plan, a new sink, the same checkpoint: the memory source replays only within this process,
        // so the same instance serves both runs.
        var secondSink = Sink.Memory<WordFrequency>("second");
        var second = WordCounts.Start(source, secondSink, options);
        foreach (var chunk in chunks.Skip(half))
        {
            source.AddData(chunk);
            await second.ProcessAllAvailableAsync().Within();
        }
        await second.StopAsync().Within();
        Assert.Null(second.Exception);

        Assert.Equal(first.Id, second.Id);
        var ranges = recorder.MemoryRanges();
        var batches = firstSink.Batches.Concat(secondSink.Batches).ToList();
        Assert.Equal(Enumerable.Range(0, batches.Count).Select(i => (long)i), batches.Select(b => b.BatchId));
        Assert.Equal(batches.Select(b => b.BatchId), ranges.Keys);
        Assert.True(secondSink.Batches[0].BatchId == firstSink.LastBatchId + 1, "the restarted query continues the batch ids");
        foreach (var batch in batches)
        {
            var (start, end) = ranges[batch.BatchId];
            Assert.Equal(ranges.GetValueOrDefault(batch.BatchId - 1).End, start);
            Assert.Equal(Reference.WordCounts(lines.Take(end)), batch.Rows.OrderBy(w => w.Word, StringComparer.Ordinal));
        }
        Assert.Equal(lines.Count, ranges.Values.Last().End);
        Assert.Equal(Reference.WordCounts(lines), secondSink.Rows.OrderBy(w => w.Word, StringComparer.Ordinal));
    }
}
