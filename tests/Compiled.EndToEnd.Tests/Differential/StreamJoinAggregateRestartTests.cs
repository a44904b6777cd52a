using Compiled.EndToEnd.Tests.Queries;
using Compiled.EndToEnd.Tests.Support;
using Compiled.Sinks;
using Compiled.Testing.Joins;

namespace Compiled.EndToEnd.Tests.Differential;

/// <summary>
/// A stream-stream join feeding an Append window aggregation (directly, or through a deduplication), through the real engine over FASTER state, with late and
/// out-of-order rows, engine-chosen batches and a restart halfway. The expected output composes two independent
/// references: <see cref="StreamJoinReference{TLeft, TRight, TKey, TOut}"/> gives each batch's joined rows, and a small
/// window interpreter here follows Spark 3.5's rules for an operator after a join: joined rows at or behind the join's
/// output watermark of the previous batch are late, and a window is written once the output watermark of this batch
/// passes its end. The output watermark trails the input one by the range's reach (15 minutes here).
/// </summary>
public sealed class StreamJoinAggregateRestartTests : IDisposable
{
    private static readonly long s_delay = (long)TimeSpan.FromMinutes(30).TotalMilliseconds;
    private static readonly long s_range = (long)TimeSpan.FromMinutes(15).TotalMilliseconds;
    private static readonly long s_window = (long)TimeSpan.FromMinutes(10).TotalMilliseconds;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(81)]
    [InlineData(82)]
    public Task Inner_join_then_clicks_per_window_of_click_time(int seed) =>
        CheckAsync(AdClicksPerWindow.Start, JoinType.Inner, (i, c) => EventTimes.ToUnixMs(c!.Time), seed);

    [Theory]
    [InlineData(83)]
    public Task Left_outer_join_then_rows_per_window_of_impression_time(int seed) =>
        CheckAsync(AdRowsPerWindowLeftOuter.Start, JoinType.LeftOuter, (i, c) => EventTimes.ToUnixMs(i!.Time), seed);

    [Theory]
    [InlineData(84)]
    public Task Inner_join_then_distinct_impressions_per_window(int seed) =>
        CheckAsync(AdClickedImpressionsPerWindow.Start, JoinType.Inner, (i, c) => EventTimes.ToUnixMs(i!.Time), seed, distinctImpressions: true);

    private async Task CheckAsync(
        Func<Sources.ISource<AdImpression>, Sources.ISource<AdClick>, ISink<CampaignWindowClicks>, QueryOptions?, StreamingQuery> start,
        JoinType type, Func<AdImpression?, AdClick?, long> windowTime, int seed, bool distinctImpressions = false)
    {
        var (impressions, clicks) = StreamJoinRestartTests.Events(600, seed);
        var (recorder, emitted) = await TwoInputRun.RunAsync(start, impressions, clicks, seed, _dir.Combine("checkpoint"));

        var join = new StreamJoinReference<AdImpression, AdClick, string, (string Id, string Campaigner, long TimeMs)>
        {
            LeftKey = i => i.Id,
            RightKey = c => c.ImpressionId,
            LeftTimeMs = i => EventTimes.ToUnixMs(i.Time),
            RightTimeMs = c => EventTimes.ToUnixMs(c.Time),
            LeftDelayMs = s_delay,
            RightDelayMs = s_delay,
            LowerMs = -s_range,
            UpperMs = 0,
            Type = type,
            Result = (i, c) => (i!.Id, i.Campaigner, windowTime(i, c)),
        };
        var windows = new SortedDictionary<(long Start, string Campaigner), long>();
        long previousWatermark = long.MinValue;
        int late = 0;
        var seen = new HashSet<string>();
        var all = new List<CampaignWindowClicks>();
        var ranges = recorder.TwoMemoryRanges();
        Assert.Equal(impressions.Count, ranges.Values.Last().Left.End);
        Assert.Equal(clicks.Count, ranges.Values.Last().Right.End);
        foreach (var (batchId, (left, right)) in ranges)
        {
            long watermark = join.WatermarkMs;
            var joined = join.Batch(impressions.GetRange(left.Start, left.End - left.Start), clicks.GetRange(right.Start, right.End - right.Start));
            foreach (var (id, campaigner, time) in joined)
            {
                // DropDuplicates keeps an impression's first joined row for ever: its key holds no event time.
                if (distinctImpressions && !seen.Add(id)) continue;
                if (previousWatermark != long.MinValue && time <= previousWatermark - s_range)
                {
                    late++;
                    continue;
                }
                long windowStart = time - (((time % s_window) + s_window) % s_window);
                windows[(windowStart, campaigner)] = windows.GetValueOrDefault((windowStart, campaigner)) + 1;
            }
            var expected = new List<CampaignWindowClicks>();
            if (watermark != long.MinValue)
            {
                foreach (var closed in windows.Keys.Where(k => k.Start + s_window <= watermark - s_range).ToList())
                {
                    expected.Add(new CampaignWindowClicks(DateTimeOffset.FromUnixTimeMilliseconds(closed.Start).UtcDateTime, closed.Campaigner, windows[closed]));
                    windows.Remove(closed);
                }
            }
            previousWatermark = watermark;
            var actual = emitted.GetValueOrDefault(batchId, []);
            Assert.True(Sorted(expected).SequenceEqual(Sorted(actual)),
                $"batch {batchId}: expected\n{string.Join("\n", Sorted(expected))}\nactual\n{string.Join("\n", Sorted(actual))}");
            all.AddRange(actual);
            var aggregate = recorder.Progress.Single(p => p.BatchId == batchId).StateOperators.Single(o => o.OperatorName.StartsWith("Aggregate", StringComparison.Ordinal));
            Assert.Equal(0, aggregate.NumRowsDroppedByWatermark);
        }
        // A bounded range keeps every joined row newer than the output watermark: none is late after the join.
        Assert.Equal(0, late);
        Assert.True(join.Late > 0, "the inputs should hold late rows");
        Assert.True(all.Count > 10, "some windows should have closed");
        // Append: each (window, campaign) is written once, at most.
        Assert.Equal(all.Count, all.Select(r => (r.Start, r.Campaigner)).Distinct().Count());
    }

    private static IEnumerable<string> Sorted(IEnumerable<CampaignWindowClicks> rows) => rows.Select(r => r.ToString()).Order(StringComparer.Ordinal);
}
