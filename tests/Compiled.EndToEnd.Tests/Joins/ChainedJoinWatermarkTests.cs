using Compiled.EndToEnd.Tests.Queries;

namespace Compiled.EndToEnd.Tests.Joins;

/// <summary>
/// The second of two chained stream-stream joins (<see cref="AdConversionsInRange"/>) evicts its buffered conversions by
/// the first join's output watermark, which trails the query's by the first join's range (15 minutes), not by the query's
/// watermark itself: a clicked impression can still come out of the first join that long after the watermark passed the
/// impression's time, and must still meet the conversions it matches.
/// </summary>
public sealed class ChainedJoinWatermarkTests
{
    private static readonly DateTime s_ten = new(2026, 1, 1, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_conversion_the_query_watermark_would_evict_waits_for_the_late_joined_impression()
    {
        using var driver = new AdConversionsInRange.TestDriver();

        // Batch 0: impression "a" at 10:00 and its conversion at 10:05 (within 30 minutes); "b", its click and another
        // conversion move every input to 10:15, so the query watermark after the batch is 10:15 - 5 min = 10:10.
        var first = driver
            .AddImpressions(new AdImpression("a", At(0), "campaign-1"), new AdImpression("b", At(15), "campaign-1"))
            .AddClicks(new AdClick("b", At(15)))
            .AddConversions(new AdConversion("a", At(5), 7), new AdConversion("z", At(15), 1))
            .RunBatch();
        Assert.Empty(first.Rows);
        Assert.Equal(At(10), first.WatermarkAfter?.UtcDateTime);

        // Batch 1 evicts at 10:10. A conversion is kept while a joined impression at or before its time can still come:
        // by the query watermark the 10:05 conversion would go; by the first join's output watermark (10:10 - 15 min =
        // 9:55) it stays. The impression "c" makes the batch run without moving the watermark.
        var second = driver.AddImpressions(new AdImpression("c", At(14), "campaign-1")).RunBatch();
        Assert.Empty(second.Rows);
        Assert.Equal(At(10), second.WatermarkAfter?.UtcDateTime);

        // Batch 2: "a"'s click at 10:12 (after the watermark, within 15 minutes of the impression) joins the buffered
        // impression; the joined row (time 10:00, after the output watermark, so not late for the second join) meets the
        // conversion still buffered there.
        var third = driver.AddClicks(new AdClick("a", At(12))).RunBatch();
        var converted = Assert.Single(third.Rows);
        Assert.Equal(new AdConverted("a", "campaign-1", At(0), At(5), 7), converted);
    }

    private static DateTime At(int minutesAfterTen) => s_ten.AddMinutes(minutesAfterTen);
}
