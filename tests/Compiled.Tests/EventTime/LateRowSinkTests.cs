using Compiled.Tests.TestSupport;

namespace Compiled.Tests.EventTime;

/// <summary>Late rows routed to a typed late-row sink with the batch id, exactly once across a failed batch.</summary>
public sealed class LateRowSinkTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private QueryOptions Options() => new()
    {
        CheckpointLocation = _dir.Combine("chk"),
        Clock = new ManualClock(1_000),
        StateStore = StateStoreKind.Faster,
        StateMemoryBudgetBytes = 1 << 20,
    };

    [Fact]
    public async Task Late_rows_reach_the_late_row_sink_once_each_even_when_their_batch_is_re_run()
    {
        var source = Source.Memory<Trade>();
        var sink = new BatchCollectingSink<TradeTotals>();
        var late = Sink.Memory<Trade>("late");
        StreamingQuery Start() => StreamingQuery.Start(new TradeWindowsPlan(OutputMode.Update, LateRows.ToSink), [source], sink, Options(),
            [LateRowSink.For(late)]);

        var query = Start();
        source.AddData(Trades.At("11:00:00", "BUY", 1));
        await query.ProcessAllAvailableAsync().Bounded();
        // Watermark 10:30: two rows are late, one is not.
        sink.FailOnceAt = 1;
        source.AddData(Trades.At("10:10:00", "BUY", 2), Trades.At("10:30:00", "BUY", 3), Trades.At("10:31:00", "BUY", 4));
        await Assert.ThrowsAsync<StreamingQueryException>(() => query.ProcessAllAvailableAsync().Bounded());
        Assert.Equal([Trades.At("10:10:00", "BUY", 2), Trades.At("10:30:00", "BUY", 3)], late.Rows);

        query = Start();
        await query.ProcessAllAvailableAsync().Bounded();
        await query.StopAsync().Bounded();

        // The re-run batch 1 gave the late sink the same rows again under the same id: it kept them once.
        Assert.Equal([Trades.At("10:10:00", "BUY", 2), Trades.At("10:30:00", "BUY", 3)], late.Rows);
        Assert.Equal(1, late.ReplaysIgnored);
        Assert.Equal([0L, 1], late.Batches.Select(b => b.BatchId));
        Assert.Single(sink.Batches[1]);
        Assert.Equal(2, query.RecentProgress.Single(p => p.BatchId == 1).StateOperators.Single().NumRowsDroppedByWatermark);
    }

    [Fact]
    public void Start_refuses_a_missing_or_unexpected_late_row_sink_naming_the_input()
    {
        var missing = Assert.Throws<ArgumentException>(() => StreamingQuery.Start(
            new TradeWindowsPlan(OutputMode.Update, LateRows.ToSink), [Source.Memory<Trade>()], new BatchCollectingSink<TradeTotals>(), Options()));
        Assert.Contains("input 'trades' routes late rows to a sink", missing.Message);

        var unexpected = Assert.Throws<ArgumentException>(() => StreamingQuery.Start(
            new TradeWindowsPlan(OutputMode.Update), [Source.Memory<Trade>()], new BatchCollectingSink<TradeTotals>(), Options(),
            [LateRowSink.For(Sink.Memory<Trade>())]));
        Assert.Contains("input 'trades', which does not route late rows", unexpected.Message);
    }
}
