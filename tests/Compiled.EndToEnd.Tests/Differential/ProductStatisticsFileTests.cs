using Compiled.EndToEnd.Tests.Queries;
using Compiled.EndToEnd.Tests.Support;
using Compiled.Sources.Files;

namespace Compiled.EndToEnd.Tests.Differential;

/// <summary>
/// Update-mode Min/Max/Average/Sum over expressions per string key, read from JSON files. Batches are driven
/// deterministically: one file per batch (available-now, at most one file per trigger), so batch N is file N.
/// Two runs on the same checkpoint, each a new query over a new file source on the same directories.
/// </summary>
public sealed class ProductStatisticsFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    public async Task Batch_n_emits_the_products_of_file_n_with_statistics_equal_to_linq(int seed)
    {
        var sales = InputData.Sales(1500, seed);
        var chunks = InputData.Chunks(sales, seed, 120);
        // An empty file is a batch too: it reads no rows and touches no group.
        chunks.Insert(2, []);
        var files = new InputFiles(_dir.Combine("in"));
        var recorder = new ProgressRecorder();
        var emitted = new List<(long BatchId, IReadOnlyList<ProductStats> Rows)>();
        var options = new QueryOptions
        {
            CheckpointLocation = _dir.Combine("checkpoint"),
            Trigger = Trigger.AvailableNow,
            StateStore = StateStoreKind.Faster,
            StateMemoryBudgetBytes = 1 << 20,
            Listeners = [recorder],
        };

        // Run 1 sees the first half of the files, run 2 the rest; each ends by itself when it has read them.
        int half = chunks.Count / 2;
        foreach (var chunk in chunks.Take(half)) files.Add(chunk);
        await RunToEnd(options, emitted);
        Assert.Equal(half - 1, emitted.Max(e => e.BatchId));
        foreach (var chunk in chunks.Skip(half)) files.Add(chunk);
        await RunToEnd(options, emitted);

        Assert.Equal(Enumerable.Range(0, chunks.Count).Select(i => (long)i), emitted.Select(e => e.BatchId));
        Assert.Equal(emitted.Select(e => e.BatchId), recorder.Progress.Select(p => p.BatchId));
        int start = 0;
        foreach (var (batchId, rows) in emitted)
        {
            var chunk = chunks[(int)batchId];
            var progress = recorder.Progress.Single(p => p.BatchId == batchId);
            Assert.Equal("1", progress.Sources[0].Metrics["numFilesRead"]);
            Assert.Equal(chunk.Length, progress.NumInputRows);
            var expected = Reference.UpdateRows(sales, start, start + chunk.Length, s => s.Product, Reference.ProductStatistics);
            Assert.Equal(Sorted(expected), Sorted(rows));
            start += chunk.Length;
        }
        var folded = emitted.SelectMany(e => e.Rows).GroupBy(r => r.Product).Select(g => g.Last());
        Assert.Equal(Sorted(Reference.ProductStatistics(sales).Values), Sorted(folded));
    }

    private async Task RunToEnd(QueryOptions options, List<(long BatchId, IReadOnlyList<ProductStats> Rows)> emitted)
    {
        var source = Source.JsonFiles<Sale>(_dir.Combine("in"), new FileSourceOptions { MaxFilesPerTrigger = 1 });
        var sink = Sink.ForeachBatch<ProductStats>((rows, batchId) => emitted.Add((batchId, rows)));
        await using var query = ProductStatistics.Start(source, sink, options);
        await query.AwaitTerminationAsync().Within();
    }

    private static ProductStats[] Sorted(IEnumerable<ProductStats> rows) => rows.OrderBy(r => r.Product, StringComparer.Ordinal).ToArray();
}
