using Compiled.EndToEnd.Tests.Queries;
using Compiled.EndToEnd.Tests.Support;
using Compiled.Sinks;

namespace Compiled.EndToEnd.Tests.Differential;

/// <summary>
/// Update-mode count and sum per composite record key over FASTER state. The memory source's per-trigger limit
/// lets the engine choose the batch boundaries; the test reads them back from progress and checks each batch's
/// output against LINQ. The first run is stopped from its sink in the middle of batch 3, while data is still waiting.
/// </summary>
public sealed class KeyedTotalsRestartTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(201)]
    [InlineData(202)]
    public async Task Each_batch_emits_the_touched_groups_with_totals_equal_to_linq_across_a_stop_mid_batch(int seed)
    {
        var sales = InputData.Sales(2500, seed);
        var chunks = InputData.Chunks(sales, seed, 150);
        int half = chunks.Count / 2;
        var source = Source.Memory<Sale>("sales", maxRowsPerTrigger: 47 + seed % 20);
        var recorder = new ProgressRecorder();
        var options = new QueryOptions
        {
            CheckpointLocation = _dir.Combine("checkpoint"),
            StateStore = StateStoreKind.Faster,
            StateMemoryBudgetBytes = 1 << 20,
            Listeners = [recorder],
        };
        var emitted = new List<(long BatchId, IReadOnlyList<RegionProductTotal> Rows)>();
        StreamingQuery? first = null;
        ISink<RegionProductTotal> NewSink(long? stopAt) => Sink.ForeachBatch<RegionProductTotal>((rows, batchId) =>
        {
            lock (emitted) emitted.Add((batchId, rows));
            // Called on the batch thread in the middle of the batch: the stop is requested, this batch still
            // commits, and no further batch starts although data is waiting.
            if (batchId == stopAt) _ = first!.StopAsync();
        });

        first = RegionProductTotals.Start(source, NewSink(stopAt: 3), options);
        foreach (var chunk in chunks.Take(half)) source.AddData(chunk);
        await first.AwaitTerminationAsync().Within();
        Assert.Equal(3, recorder.Progress.Max(p => p.BatchId));
        Assert.True(recorder.Progress.Sum(p => p.NumInputRows) < chunks.Take(half).Sum(c => c.Length), "the stop came before the first half was read");

        var second = RegionProductTotals.Start(source, NewSink(stopAt: null), options);
        foreach (var chunk in chunks.Skip(half)) source.AddData(chunk);
        await second.ProcessAllAvailableAsync().Within();
        await second.StopAsync().Within();
        Assert.Null(second.Exception);

        var ranges = recorder.MemoryRanges();
        Assert.Equal(Enumerable.Range(0, ranges.Count).Select(i => (long)i), ranges.Keys);
        Assert.Equal(ranges.Keys, emitted.Select(e => e.BatchId));
        Assert.Equal(sales.Count, ranges.Values.Last().End);
        foreach (var (batchId, rows) in emitted)
        {
            var (start, end) = ranges[batchId];
            Assert.Equal(ranges.GetValueOrDefault(batchId - 1).End, start);
            Assert.True(end > start, $"batch {batchId} read no rows");
            var expected = Reference.UpdateRows(sales, start, end, s => new RegionProduct(s.Region, s.Product), Reference.RegionProductTotals);
            Assert.Equal(Sorted(expected), Sorted(rows));
        }

        // Folding the updates by key gives the whole result.
        var folded = emitted.SelectMany(e => e.Rows).GroupBy(r => (r.Region, r.Product)).Select(g => g.Last());
        Assert.Equal(Sorted(Reference.RegionProductTotals(sales).Values), Sorted(folded));
    }

    [Fact]
    public async Task Stops_from_the_test_thread_while_batches_run_lose_and_repeat_nothing()
    {
        var sales = InputData.Sales(3000, 203);
        var source = Source.Memory<Sale>("sales", maxRowsPerTrigger: 40);
        source.AddData([.. sales]);
        var recorder = new ProgressRecorder();
        var options = new QueryOptions
        {
            CheckpointLocation = _dir.Combine("checkpoint"),
            StateStore = StateStoreKind.Faster,
            StateMemoryBudgetBytes = 1 << 20,
            Listeners = [recorder],
        };
        var emitted = new List<(long BatchId, IReadOnlyList<RegionProductTotal> Rows)>();
        var sink = () => Sink.ForeachBatch<RegionProductTotal>((rows, batchId) =>
        {
            lock (emitted) emitted.Add((batchId, rows));
        });

        // Five runs, each stopped from the test thread as soon as it has done two batches, racing the next one.
        for (int run = 0; run < 5; run++)
        {
            long done = recorder.Progress.Count;
            var query = RegionProductTotals.Start(source, sink(), options);
            await recorder.WhenBatch(done + 1).Within();
            await query.StopAsync().Within();
            Assert.Null(query.Exception);
        }
        var last = RegionProductTotals.Start(source, sink(), options);
        await last.ProcessAllAvailableAsync().Within();
        await last.StopAsync().Within();

        var ranges = recorder.MemoryRanges();
        Assert.Equal(Enumerable.Range(0, ranges.Count).Select(i => (long)i), ranges.Keys);
        Assert.Equal(ranges.Keys, emitted.Select(e => e.BatchId));
        Assert.Equal(sales.Count, ranges.Values.Last().End);
        foreach (var (batchId, rows) in emitted)
        {
            var (start, end) = ranges[batchId];
            Assert.Equal(ranges.GetValueOrDefault(batchId - 1).End, start);
            var expected = Reference.UpdateRows(sales, start, end, s => new RegionProduct(s.Region, s.Product), Reference.RegionProductTotals);
            Assert.Equal(Sorted(expected), Sorted(rows));
        }
    }

    private static RegionProductTotal[] Sorted(IEnumerable<RegionProductTotal> rows) =>
        rows.OrderBy(r => r.Region, StringComparer.Ordinal).ThenBy(r => r.Product, StringComparer.Ordinal).ToArray();
}
