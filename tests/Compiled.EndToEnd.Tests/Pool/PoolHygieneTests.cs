using Compiled.Batches;
using Compiled.EndToEnd.Tests.Queries;
using Compiled.EndToEnd.Tests.Support;
using Compiled.Sources.Files;

namespace Compiled.EndToEnd.Tests.Pool;

/// <summary>Every buffer a query rents from <see cref="BatchPool"/> is back once it has stopped, ended or failed.</summary>
[Collection(PoolCollection.Name)]
public sealed class PoolHygieneTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly PoolProbe _probe = new();
    private readonly long _before = BatchPool.Outstanding;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Complete_query_over_faster_state_returns_its_buffers_when_stopped_and_restarted()
    {
        var source = Source.Memory<string>();
        var lines = InputData.Lines(300, 601);
        for (int run = 0; run < 2; run++)
        {
            var query = WordCounts.Start(source, Sink.Memory<WordFrequency>(), Options());
            source.AddData([.. lines.Skip(run * 150).Take(150)]);
            await query.ProcessAllAvailableAsync().Within();
            await query.StopAsync().Within();
            Assert.Equal(_before, BatchPool.Outstanding);
        }
        AssertBuffersWereRentedWhileRunning(batches: 2);
    }

    [Fact]
    public async Task Update_query_returns_its_buffers_when_stopped_from_its_sink()
    {
        var source = Source.Memory<Sale>(maxRowsPerTrigger: 50);
        StreamingQuery? query = null;
        var sink = Sink.ForeachBatch<RegionProductTotal>((ReadOnlySpan<RegionProductTotal> rows, long batchId) =>
        {
            if (batchId == 2) _ = query!.StopAsync();
        });
        query = RegionProductTotals.Start(source, sink, Options());
        source.AddData([.. InputData.Sales(400, 602)]);
        await query.AwaitTerminationAsync().Within();
        Assert.Equal(_before, BatchPool.Outstanding);
        AssertBuffersWereRentedWhileRunning(batches: 3);
    }

    [Fact]
    public async Task Append_query_from_files_to_files_returns_its_buffers_when_it_ends()
    {
        var files = new InputFiles(_dir.Combine("in"));
        foreach (var chunk in InputData.Chunks(InputData.Sales(300, 603), 603, 100)) files.Add(chunk);
        var query = LargeSales.Start(
            Source.JsonFiles<Sale>(_dir.Combine("in"), new FileSourceOptions { MaxFilesPerTrigger = 1 }),
            Sink.JsonFiles<SaleLine>(_dir.Combine("out")),
            Options() with { Trigger = Trigger.AvailableNow });
        await query.AwaitTerminationAsync().Within();
        Assert.Equal(_before, BatchPool.Outstanding);
        AssertBuffersWereRentedWhileRunning(batches: files.Count);
    }

    [Fact]
    public async Task A_failed_query_returns_its_buffers()
    {
        var files = new InputFiles(_dir.Combine("in"));
        files.Add(InputData.Sales(20, 604));
        File.WriteAllText(_dir.Combine("in", "zz-broken.jsonl"), "{\"Id\": 1, \"Quantity\": [\n");
        var query = ProductStatistics.Start(
            Source.JsonFiles<Sale>(_dir.Combine("in"), new FileSourceOptions { MaxFilesPerTrigger = 1 }),
            Sink.ForeachBatch<ProductStats>((ReadOnlySpan<ProductStats> _, long _) => { }),
            Options() with { Trigger = Trigger.AvailableNow });
        var failure = await Assert.ThrowsAsync<StreamingQueryException>(() => query.AwaitTerminationAsync().Within());
        Assert.IsType<BadRecordException>(failure.InnerException);
        Assert.Equal(_before, BatchPool.Outstanding);
        AssertBuffersWereRentedWhileRunning(batches: 1);
    }

    private QueryOptions Options() => new()
    {
        CheckpointLocation = _dir.Combine("checkpoint"),
        StateStore = StateStoreKind.Faster,
        StateMemoryBudgetBytes = 1 << 20,
        Listeners = [_probe],
    };

    private void AssertBuffersWereRentedWhileRunning(int batches)
    {
        Assert.Equal(batches, _probe.OutstandingDuringBatches.Count);
        Assert.All(_probe.OutstandingDuringBatches, outstanding => Assert.True(outstanding > _before, $"{outstanding} buffers out during a batch, {_before} before"));
    }
}
