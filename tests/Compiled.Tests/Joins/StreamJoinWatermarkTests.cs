using Compiled.Joins;
using Compiled.Plans;
using Compiled.State;
using Compiled.Tests.Aggregation;
using Microsoft.Extensions.Logging.Abstractions;

namespace Compiled.Tests.Joins;

/// <summary>
/// The output watermark a stream-stream join hands to the operator after it: over random ranges of every sign and random
/// rows (new rows newer than the batch's watermark on a watermarked side, anything on the other), no pair the join forms
/// holds a row at or behind the output watermark of the previous batch's watermark, and the deadline conversion is its
/// inverse. A pair is checked by brute force over the buffered rows, not through the join's own matching.
/// </summary>
public sealed class StreamJoinWatermarkTests
{
    [Theory]
    [InlineData(-15_000, 0, true, true)]
    [InlineData(2_000, 9_000, true, true)]
    [InlineData(-9_000, -2_000, true, true)]
    [InlineData(-5_000, 5_000, true, false)]
    [InlineData(1_000, 4_000, false, true)]
    public void No_joined_row_is_behind_the_output_watermark_of_the_previous_batch(long lower, long upper, bool leftWatermarked, bool rightWatermarked)
    {
        var provider = new InMemoryStateStoreProvider(null, 64L << 20, null);
        var join = new StreamJoin<int, long, long, BatchTableTests.IntOps>(new PlanContext(provider, NullLogger.Instance), "join0", lower, upper);
        var random = new Random((int)(lower ^ upper));
        long watermark = long.MinValue, max = 0;
        int pairs = 0;
        for (int batch = 0; batch < 300; batch++)
        {
            long late = join.LateThroughMs;
            var lefts = Rows(random, watermark, ref max, leftWatermarked);
            var rights = Rows(random, watermark, ref max, rightWatermarked);
            foreach (long l in lefts)
            {
                for (int slot = join.Right.First(0); slot >= 0; slot = join.Right.Next(slot)) pairs += Check(l, join.Right.Row(slot), lower, upper, late);
                join.AddLeft(0, l, l, matched: false);
            }
            foreach (long r in rights)
            {
                for (int slot = join.Left.First(0); slot >= 0; slot = join.Left.Next(slot)) pairs += Check(join.Left.Row(slot), r, lower, upper, late);
                join.AddRight(0, r, r, matched: false);
            }
            while (join.TryEvictLeft(watermark, out _, out _)) { }
            while (join.TryEvictRight(watermark, out _, out _)) { }
            join.EndBatch(watermark);
            watermark = Math.Max(watermark, max - 3_000);
        }
        Assert.True(pairs > 100, "the rows should form pairs");
    }

    [Theory]
    [InlineData(-15_000, 0)]
    [InlineData(2_000, 9_000)]
    [InlineData(-9_000, -2_000)]
    public void A_downstream_deadline_maps_back_to_the_input_watermark_that_reaches_it(long lower, long upper)
    {
        var provider = new InMemoryStateStoreProvider(null, 64L << 20, null);
        var join = new StreamJoin<int, long, long, BatchTableTests.IntOps>(new PlanContext(provider, NullLogger.Instance), "join0", lower, upper);
        Assert.Equal(1_000_000, join.OutputWatermarkMs(join.InputWatermarkReaching(1_000_000)));
        Assert.True(join.OutputWatermarkMs(join.InputWatermarkReaching(1_000_000) - 1) < 1_000_000);
        Assert.Equal(long.MaxValue, join.InputWatermarkReaching(long.MaxValue));
        Assert.Equal(long.MinValue, join.OutputWatermarkMs(long.MinValue));
    }

    [Fact]
    public void Without_both_bounds_the_output_watermark_is_the_input_one()
    {
        var provider = new InMemoryStateStoreProvider(null, 64L << 20, null);
        var join = new StreamJoin<int, long, long, BatchTableTests.IntOps>(new PlanContext(provider, NullLogger.Instance), "join0", long.MinValue, 0);
        Assert.Equal(5_000, join.OutputWatermarkMs(5_000));
        Assert.Equal(5_000, join.InputWatermarkReaching(5_000));
    }

    /// <summary>Counts the pair when its rows are in range; a pair in range must have both rows newer than <paramref name="late"/>.</summary>
    private static int Check(long l, long r, long lower, long upper, long late)
    {
        if (l - r < lower || l - r > upper) return 0;
        Assert.True(l > late && r > late, $"pair ({l}, {r}) is at or behind the output watermark {late} (range [{lower}, {upper}])");
        return 1;
    }

    /// <summary>A batch's rows: a watermarked side's are newer than the watermark (late ones are dropped before the join).</summary>
    private static List<long> Rows(Random random, long watermark, ref long max, bool watermarked)
    {
        var rows = new List<long>();
        for (int i = random.Next(0, 6); i > 0; i--)
        {
            max += random.Next(0, 1_500);
            long time = max - random.Next(0, 12_000);
            if (watermarked && time <= watermark) continue;
            rows.Add(time);
        }
        return rows;
    }
}
