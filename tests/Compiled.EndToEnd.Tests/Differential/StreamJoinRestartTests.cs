using Compiled.EndToEnd.Tests.Queries;
using Compiled.EndToEnd.Tests.Support;
using Compiled.Sinks;
using Compiled.Testing.Joins;

namespace Compiled.EndToEnd.Tests.Differential;

/// <summary>
/// Generated stream-stream joins run through the real engine over FASTER state, with out-of-order and late rows on both
/// inputs, batch boundaries the engine chooses (per-trigger row limits) and a stop and restart halfway; every batch's
/// output, batches without data included, must be what <see cref="StreamJoinReference{TLeft, TRight, TKey, TOut}"/> says
/// Spark would emit over the same batches, and outer rows must appear exactly once.
/// </summary>
public sealed class StreamJoinRestartTests : IDisposable
{
    private static readonly long s_delay = (long)TimeSpan.FromMinutes(30).TotalMilliseconds;
    private static readonly long s_range = (long)TimeSpan.FromMinutes(15).TotalMilliseconds;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(71)]
    [InlineData(72)]
    public Task Left_outer_join(int seed) => CheckAsync(AdJoinLeftOuter.Start, JoinType.LeftOuter, seed);

    [Theory]
    [InlineData(73)]
    public Task Full_outer_join(int seed) => CheckAsync(AdJoinFullOuter.Start, JoinType.FullOuter, seed);

    [Theory]
    [InlineData(74)]
    public Task Inner_join(int seed) => CheckAsync(AdJoinInner.Start, JoinType.Inner, seed);

    [Theory]
    [InlineData(75)]
    public Task Left_semi_join_writes_each_clicked_impression_once(int seed) => CheckAsync(AdJoinSemi.Start, JoinType.Inner, seed, semi: true);

    private async Task CheckAsync(
        Func<Sources.ISource<AdImpression>, Sources.ISource<AdClick>, ISink<AdMatch>, QueryOptions?, StreamingQuery> start,
        JoinType type, int seed, bool semi = false)
    {
        var (impressions, clicks) = Events(500, seed);
        var (recorder, emitted) = await TwoInputRun.RunAsync(start, impressions, clicks, seed, _dir.Combine("checkpoint"));

        var reference = new StreamJoinReference<AdImpression, AdClick, string, AdMatch>
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
            Semi = semi,
            Result = (i, c) => new AdMatch(i == null ? c.ImpressionId : i.Id, i?.Campaigner, i?.Time, c?.Time),
        };
        var ranges = recorder.TwoMemoryRanges();
        Assert.Equal(impressions.Count, ranges.Values.Last().Left.End);
        Assert.Equal(clicks.Count, ranges.Values.Last().Right.End);
        var all = new List<AdMatch>();
        foreach (var (batchId, (left, right)) in ranges)
        {
            var expected = reference.Batch(impressions.GetRange(left.Start, left.End - left.Start), clicks.GetRange(right.Start, right.End - right.Start));
            var actual = emitted.GetValueOrDefault(batchId, []);
            Assert.True(Sorted(expected).SequenceEqual(Sorted(actual)),
                $"batch {batchId}: expected\n{string.Join("\n", Sorted(expected))}\nactual\n{string.Join("\n", Sorted(actual))}");
            all.AddRange(actual);
        }
        Assert.True(reference.Late > 0, "the data should hold late rows");
        Assert.Contains(ranges.Values, r => r.Left.Start == r.Left.End && r.Right.Start == r.Right.End);
        if (semi)
        {
            Assert.NotEmpty(all);
            Assert.Equal(all.Count, all.Select(m => m.Id).Distinct().Count());
        }
        else
        {
            Assert.Contains(all, m => m.ImpressionTime is not null && m.ClickTime is not null);
        }
        if (type is JoinType.LeftOuter or JoinType.FullOuter)
        {
            // Every impression that was not late is written exactly once without a click, or with its clicks.
            var unmatched = all.Where(m => m.ClickTime is null).Select(m => m.Id).ToList();
            Assert.NotEmpty(unmatched);
            Assert.Equal(unmatched.Count, unmatched.Distinct().Count());
        }
    }

    private static IEnumerable<string> Sorted(IEnumerable<AdMatch> rows) => rows.Select(r => r.ToString()).Order(StringComparer.Ordinal);

    /// <summary>
    /// Impressions moving forward by up to 2 minutes each, a fifth of them up to 50 minutes in the past (some behind the
    /// 30-minute watermark); about half get a click 0-20 minutes later (some outside the 15-minute range), some two.
    /// </summary>
    internal static (List<AdImpression> Impressions, List<AdClick> Clicks) Events(int count, int seed)
    {
        var random = new Random(seed);
        var now = new DateTime(2026, 12, 4, 10, 0, 0, DateTimeKind.Utc);
        var impressions = new List<AdImpression>();
        var clicks = new List<(AdClick Click, DateTime Order)>();
        for (int i = 0; i < count; i++)
        {
            now = now.AddMilliseconds(random.Next(0, 120_000));
            var time = random.Next(5) == 0 ? now.AddMilliseconds(-random.Next(0, 50 * 60_000)) : now;
            var impression = new AdImpression("imp-" + i, time, "campaign-" + random.Next(5));
            impressions.Add(impression);
            int clickCount = random.Next(4) switch { 0 or 1 => 0, 2 => 1, _ => 2 };
            for (int c = 0; c < clickCount; c++)
            {
                var clickTime = time.AddMilliseconds(random.Next(0, 20 * 60_000));
                clicks.Add((new AdClick(impression.Id, clickTime), now.AddMilliseconds(random.Next(0, 5 * 60_000))));
            }
        }
        // Clicks arrive in roughly the order they were made, not grouped by impression.
        return (impressions, clicks.OrderBy(c => c.Order).Select(c => c.Click).ToList());
    }
}
