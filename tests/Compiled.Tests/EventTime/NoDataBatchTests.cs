using Compiled.Tests.TestSupport;

namespace Compiled.Tests.EventTime;

/// <summary>Batches without new data: when they run, the option that turns them off, and the available-now final batch.</summary>
public sealed class NoDataBatchTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private QueryOptions Options(Trigger? trigger = null, bool noDataBatches = true) => new()
    {
        CheckpointLocation = _dir.Combine("chk"),
        Clock = new ManualClock(1_000),
        StateStore = StateStoreKind.Faster,
        StateMemoryBudgetBytes = 1 << 20,
        Trigger = trigger ?? Trigger.Default,
        NoDataBatches = noDataBatches,
    };

    [Fact]
    public async Task Append_mode_emits_a_closed_window_in_a_batch_without_data()
    {
        var source = Source.Memory<Trade>();
        var sink = new BatchCollectingSink<TradeTotals>();
        await using var query = StreamingQuery.Start(new TradeWindowsPlan(OutputMode.Append), [source], sink, Options());

        source.AddData(Trades.At("10:05:00", "BUY", 5), Trades.At("10:20:00", "BUY", 7));
        await query.ProcessAllAvailableAsync().Bounded();
        // Watermark 09:50: nothing closed, no extra batch.
        Assert.Equal([0L], sink.Batches.Keys);
        source.AddData(Trades.At("10:50:00", "BUY", 11));
        await query.ProcessAllAvailableAsync().Bounded();

        // Batch 1 ran with 09:50 and moved the watermark to 10:20: batch 2 (no data) closes 10:00-10:15, not 10:15-10:30.
        Assert.Equal([0L, 1, 2], sink.Batches.Keys);
        Assert.Empty(sink.Batches[1]);
        Assert.Equal([Trades.Totals("10:00:00", "10:15:00", 5)], sink.Batches[2]);
        Assert.Equal(0, query.LastProgress!.NumInputRows);
        Assert.Equal("2019-02-05T10:20:00.000Z", query.LastProgress.EventTime["watermark"]);
        // Nothing else is closable at 10:20: no further batch.
        source.AddData(Trades.At("10:51:00", "BUY", 1));
        await query.ProcessAllAvailableAsync().Bounded();
        Assert.Equal([0L, 1, 2, 3], sink.Batches.Keys);
    }

    [Fact]
    public async Task With_no_data_batches_off_a_closed_window_waits_for_the_next_data()
    {
        var source = Source.Memory<Trade>();
        var sink = new BatchCollectingSink<TradeTotals>();
        await using var query = StreamingQuery.Start(new TradeWindowsPlan(OutputMode.Append), [source], sink, Options(noDataBatches: false));

        source.AddData(Trades.At("10:05:00", "BUY", 5));
        await query.ProcessAllAvailableAsync().Bounded();
        source.AddData(Trades.At("10:50:00", "BUY", 11));
        await query.ProcessAllAvailableAsync().Bounded();
        Assert.Equal([0L, 1], sink.Batches.Keys);
        Assert.Empty(sink.Batches[1]);

        source.AddData(Trades.At("10:51:00", "BUY", 1));
        await query.ProcessAllAvailableAsync().Bounded();
        Assert.Equal([Trades.Totals("10:00:00", "10:15:00", 5)], sink.Batches[2]);
    }

    [Fact]
    public async Task Available_now_ends_with_a_batch_without_data_that_emits_what_the_data_closed()
    {
        var source = Source.Memory<Trade>(maxRowsPerTrigger: 2);
        source.AddData(Trades.At("10:05:00", "BUY", 1), Trades.At("10:07:00", "BUY", 2), Trades.At("10:31:00", "BUY", 4), Trades.At("10:59:00", "BUY", 8), Trades.At("11:20:00", "BUY", 16));
        var sink = new BatchCollectingSink<TradeTotals>();
        var query = StreamingQuery.Start(new TradeWindowsPlan(OutputMode.Append), [source], sink, Options(Trigger.AvailableNow));
        await query.AwaitTerminationAsync().Bounded();

        // Three data batches (2 + 2 + 1 rows). Batch 2 runs with 10:29 (max 10:59 - 30 m) and closes 10:00-10:15; the
        // last row moves the watermark to 10:50, so a final batch without data closes 10:30-10:45.
        Assert.Equal([0L, 1, 2, 3], sink.Batches.Keys);
        Assert.Equal([Trades.Totals("10:00:00", "10:15:00", 3)], sink.Batches[2]);
        Assert.Equal([Trades.Totals("10:30:00", "10:45:00", 4)], sink.Batches[3]);
        Assert.Equal(0, query.LastProgress!.NumInputRows);
        Assert.False(query.IsActive);
    }

    [Fact]
    public async Task Complete_mode_never_runs_a_batch_without_data()
    {
        var source = Source.Memory<Trade>();
        var sink = new BatchCollectingSink<TradeTotals>();
        await using var query = StreamingQuery.Start(new TradeWindowsPlan(OutputMode.Complete), [source], sink, Options());
        source.AddData(Trades.At("10:05:00", "BUY", 5));
        await query.ProcessAllAvailableAsync().Bounded();
        source.AddData(Trades.At("11:50:00", "BUY", 11), Trades.At("10:06:00", "BUY", 1));
        await query.ProcessAllAvailableAsync().Bounded();

        Assert.Equal([0L, 1], sink.Batches.Keys);
        // Complete keeps every row, even one behind the watermark (as Spark does).
        Assert.Equal([Trades.Totals("10:00:00", "10:15:00", 6), Trades.Totals("11:45:00", "12:00:00", 11)], sink.Batches[1].OrderBy(w => w.Start));
    }
}
