using Compiled.Tests.TestSupport;

namespace Compiled.Tests.EventTime;

/// <summary>The hand-written TradeWindows plan (the generator's target shape) through the real engine.</summary>
public sealed class TradeWindowsPlanTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private QueryOptions Options(Trigger? trigger = null) => new()
    {
        CheckpointLocation = _dir.Combine("chk"),
        Clock = new ManualClock(1_000),
        StateStore = StateStoreKind.Faster,
        StateMemoryBudgetBytes = 1 << 20,
        Trigger = trigger ?? Trigger.Default,
    };

    [Fact]
    public async Task Update_mode_emits_changed_windows_and_drops_rows_behind_the_watermark()
    {
        var source = Source.Memory<Trade>();
        var sink = new BatchCollectingSink<TradeTotals>();
        await using var query = StreamingQuery.Start(new TradeWindowsPlan(), [source], sink, Options());

        source.AddData(Trades.At("10:05:00", "BUY", 500), Trades.At("10:12:00", "SELL", 300), Trades.At("10:20:00", "BUY", 600));
        await query.ProcessAllAvailableAsync().Bounded();
        // Max 10:20 -> watermark 09:50; 10:40 moves it to 10:10, so 10:05 is late in the third batch.
        source.AddData(Trades.At("10:40:00", "SELL", 100), Trades.At("10:14:00", "BUY", 50));
        await query.ProcessAllAvailableAsync().Bounded();
        source.AddData(Trades.At("10:05:00", "BUY", 7), Trades.At("10:48:00", "BUY", 1));
        await query.ProcessAllAvailableAsync().Bounded();

        var batches = sink.Batches;
        Assert.Equal([Trades.Totals("10:00:00", "10:15:00", 500, 300), Trades.Totals("10:15:00", "10:30:00", 600, 0)], batches[0]);
        Assert.Equal([Trades.Totals("10:30:00", "10:45:00", 0, 100), Trades.Totals("10:00:00", "10:15:00", 550, 300)], batches[1]);
        Assert.Equal([Trades.Totals("10:45:00", "11:00:00", 1, 0)], batches[2]);
        var progress = query.RecentProgress.Single(p => p.BatchId == 2);
        Assert.Equal(1, progress.StateOperators.Single().NumRowsDroppedByWatermark);
        Assert.Equal("2019-02-05T10:10:00.000Z", progress.EventTime["watermark"]);
        // The watermark moved to 10:18, past the end of 10:00-10:15: a batch without data evicts it and emits nothing.
        var noData = query.LastProgress!;
        Assert.Equal(3, noData.BatchId);
        Assert.Equal(0, noData.NumInputRows);
        Assert.Empty(sink.Batches[3]);
        // State rows are (window, key) entries, as in Spark: three windows of one key each stay open, one goes, and the
        // batch without data updates none.
        Assert.Equal(3, noData.StateOperators.Single().NumRowsTotal);
        Assert.Equal(0, noData.StateOperators.Single().NumRowsUpdated);
        Assert.Equal(1, noData.StateOperators.Single().NumRowsRemoved);
    }
}
