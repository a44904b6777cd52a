using System.Globalization;
using Compiled.Testing;
using Compiled.Tests.EventTime;

namespace Compiled.Tests.Testing;

/// <summary>
/// <see cref="QueryTestDriver{TOut}"/> over the hand-written TradeWindows plan: the same batches, watermarks, late rows
/// and no-data eviction as the engine run in <see cref="TradeWindowsPlanTests"/>, on the test's thread with no clock,
/// checkpoint or waiting.
/// </summary>
public sealed class QueryTestDriverTests
{
    [Fact]
    public void Windows_watermarks_late_rows_and_a_no_data_batch_match_the_engine()
    {
        using var driver = new QueryTestDriver<TradeTotals>(new TradeWindowsPlan(), new() { StartTime = DateTimeOffset.FromUnixTimeMilliseconds(1_000) });

        driver.AddRows(0, T("10:05:00", "BUY", 500), T("10:12:00", "SELL", 300), T("10:20:00", "BUY", 600));
        var first = driver.RunBatch();
        Assert.Equal([W("10:00:00", "10:15:00", 500, 300), W("10:15:00", "10:30:00", 600, 0)], first.Rows);
        Assert.Equal(Utc("09:50:00"), first.WatermarkAfter);

        driver.AddRows(0, T("10:40:00", "SELL", 100), T("10:14:00", "BUY", 50));
        Assert.Equal([W("10:30:00", "10:45:00", 0, 100), W("10:00:00", "10:15:00", 550, 300)], driver.RunBatch().Rows);

        driver.AddRows(0, T("10:05:00", "BUY", 7), T("10:48:00", "BUY", 1));
        var third = driver.RunBatch();
        Assert.Equal([W("10:45:00", "11:00:00", 1, 0)], third.Rows);
        Assert.Equal(1, third.Progress.StateOperators.Single().NumRowsDroppedByWatermark);
        Assert.Equal("2019-02-05T10:10:00.000Z", third.Progress.EventTime["watermark"]);

        // No rows: a no-data batch. The watermark (10:18) passed the end of 10:00-10:15, which is evicted silently.
        var noData = driver.RunBatch();
        Assert.Equal(3, noData.BatchId);
        Assert.Empty(noData.Rows);
        Assert.Equal(0, noData.Progress.NumInputRows);
        // State rows are (window, key) entries, as in Spark: three windows of one key each stay open, one goes, and the
        // batch without data updates none.
        Assert.Equal(3, noData.Progress.StateOperators.Single().NumRowsTotal);
        Assert.Equal(0, noData.Progress.StateOperators.Single().NumRowsUpdated);
        Assert.Equal(1, noData.Progress.StateOperators.Single().NumRowsRemoved);
    }

    [Fact]
    public void A_watermark_moved_by_the_test_closes_windows_and_never_moves_back()
    {
        using var driver = new QueryTestDriver<TradeTotals>(new TradeWindowsPlan());
        driver.AddRows(0, T("10:05:00", "BUY", 500));
        driver.RunBatch();

        driver.AdvanceWatermark(Utc("11:00:00"));
        driver.AdvanceWatermark(Utc("10:00:00"));
        Assert.Equal(Utc("11:00:00"), driver.Watermark);

        driver.AddRows(0, T("10:59:00", "SELL", 1));   // behind 11:00: late
        var batch = driver.RunBatch();
        Assert.Empty(batch.Rows);
        Assert.Equal(1, batch.Progress.StateOperators.Single().NumRowsDroppedByWatermark);
        Assert.Equal(0, batch.Progress.StateOperators.Single().NumRowsTotal);   // 10:00-10:15 evicted
    }

    private static Trade T(string time, string type, int amount) =>
        new(DateTime.Parse("2019-02-05 " + time, CultureInfo.InvariantCulture), type, amount, "ABX");

    private static TradeTotals W(string start, string end, long buy, long sell) => new(UtcDate(start), UtcDate(end), buy, sell);

    private static DateTime UtcDate(string time) =>
        DateTime.SpecifyKind(DateTime.Parse("2019-02-05 " + time, CultureInfo.InvariantCulture), DateTimeKind.Utc);

    private static DateTimeOffset Utc(string time) => new(UtcDate(time));
}
