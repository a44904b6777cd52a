using Compiled.EndToEnd.Tests.Queries;
using Compiled.EndToEnd.Tests.Support;
using Compiled.Sinks;
using Compiled.Testing.Joins;

namespace Compiled.EndToEnd.Tests.Differential;

/// <summary>
/// Two stream-stream joins of three inputs run through the real engine over FASTER state, with batch boundaries the
/// engine chooses (per-trigger row limits on each input) and a stop and restart halfway: every batch's output must be
/// what two <see cref="StreamJoinReference{TLeft, TRight, TKey, TOut}"/> composed say (the first one's rows, filtered,
/// are the second one's left input), and the whole output the LINQ join of the three inputs.
/// </summary>
public sealed class ThreeInputJoinRestartTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly long s_delay = (long)TimeSpan.FromMinutes(5).TotalMilliseconds;

    [Theory]
    [InlineData(101)]
    [InlineData(102)]
    public async Task Two_inner_joins_on_keys(int seed)
    {
        var (impressions, clicks) = StreamJoinRestartTests.Events(300, seed);
        var conversions = Conversions(clicks, seed);
        var run = await RunAsync(AdConversionsByKey.Start, impressions, clicks, conversions, seed);

        var first = new StreamJoinReference<AdImpression, AdClick, string, ClickedImpression>
        {
            LeftKey = i => i.Id,
            RightKey = c => c.ImpressionId,
            LeftTimeMs = i => EventTimes.ToUnixMs(i.Time),
            RightTimeMs = c => EventTimes.ToUnixMs(c.Time),
            LowerMs = long.MinValue,
            UpperMs = long.MaxValue,
            Type = JoinType.Inner,
            Result = (i, c) => new ClickedImpression(i.Id, i.Campaigner, c.Time),
        };
        var second = new StreamJoinReference<ClickedImpression, AdConversion, string, AdConverted>
        {
            LeftKey = k => k.Id,
            RightKey = v => v.ImpressionId,
            LeftTimeMs = k => EventTimes.ToUnixMs(k.Time),
            RightTimeMs = v => EventTimes.ToUnixMs(v.Time),
            LowerMs = long.MinValue,
            UpperMs = long.MaxValue,
            Type = JoinType.Inner,
            Result = (k, v) => new AdConverted(k.Id, k.Campaigner, k.Time, v.Time, v.Value),
        };
        var ranges = run.Recorder.MemoryRanges(3);
        Assert.Equal(conversions.Count, ranges.Values.Last()[2].End);
        Assert.Equal(ranges.Keys, Enumerable.Range(0, ranges.Count).Select(i => (long)i));
        var all = new List<AdConverted>();
        foreach (var (batchId, batch) in ranges)
        {
            var joined = first.Batch(impressions.GetRange(batch[0].Start, batch[0].End - batch[0].Start), clicks.GetRange(batch[1].Start, batch[1].End - batch[1].Start));
            var expected = second.Batch(joined.Where(k => k.Campaigner != "campaign-4").ToList(), conversions.GetRange(batch[2].Start, batch[2].End - batch[2].Start));
            var actual = run.Emitted.GetValueOrDefault(batchId, []);
            Assert.True(Sorted(expected).SequenceEqual(Sorted(actual)),
                $"batch {batchId} (first of run 2: {run.FirstOfSecondRun}): expected\n{string.Join("\n", Sorted(expected))}\nactual\n{string.Join("\n", Sorted(actual))}");
            all.AddRange(actual);
        }

        // The whole output is the join of the three inputs, however the batches fell.
        var linq = impressions.Join(clicks, i => i.Id, c => c.ImpressionId, (i, c) => new ClickedImpression(i.Id, i.Campaigner, c.Time))
            .Where(k => k.Campaigner != "campaign-4")
            .Join(conversions, k => k.Id, v => v.ImpressionId, (k, v) => new AdConverted(k.Id, k.Campaigner, k.Time, v.Time, v.Value));
        Assert.Equal(Sorted(linq), Sorted(all));
        Assert.True(all.Count > 20, $"only {all.Count} conversions joined");
    }

    [Theory]
    [InlineData(111)]
    [InlineData(112)]
    public async Task Two_inner_joins_within_time_ranges_evict_by_the_first_joins_output_watermark(int seed)
    {
        var (impressions, clicks) = StreamJoinRestartTests.Events(300, seed);
        var conversions = Conversions(clicks, seed);
        var run = await RunAsync(AdConversionsInRange.Start, impressions, clicks, conversions, seed);

        long fifteen = (long)TimeSpan.FromMinutes(15).TotalMilliseconds, thirty = (long)TimeSpan.FromMinutes(30).TotalMilliseconds;
        var first = new StreamJoinReference<AdImpression, AdClick, string, ClickedImpression>
        {
            LeftKey = i => i.Id,
            RightKey = c => c.ImpressionId,
            LeftTimeMs = i => EventTimes.ToUnixMs(i.Time),
            RightTimeMs = c => EventTimes.ToUnixMs(c.Time),
            LeftDelayMs = s_delay,
            RightDelayMs = s_delay,
            LowerMs = -fifteen,
            UpperMs = 0,
            Type = JoinType.Inner,
            Result = (i, c) => new ClickedImpression(i.Id, i.Campaigner, i.Time),
        };
        // The first join's rows are no watermarked input (no late check on the left); the conversions are.
        var second = new StreamJoinReference<ClickedImpression, AdConversion, string, AdConverted>
        {
            LeftKey = k => k.Id,
            RightKey = v => v.ImpressionId,
            LeftTimeMs = k => EventTimes.ToUnixMs(k.Time),
            RightTimeMs = v => EventTimes.ToUnixMs(v.Time),
            RightDelayMs = s_delay,
            LowerMs = -thirty,
            UpperMs = 0,
            Type = JoinType.Inner,
            Result = (k, v) => new AdConverted(k.Id, k.Campaigner, k.Time, v.Time, v.Value),
        };
        var ranges = run.Recorder.MemoryRanges(3);
        Assert.Equal(conversions.Count, ranges.Values.Last()[2].End);
        Assert.Contains(ranges.Values, b => b.All(r => r.Start == r.End));
        // The query's watermark: the smallest over the three inputs of the latest time seen minus the delay (none until
        // every input has had a row), never moving back.
        long[] latest = [long.MinValue, long.MinValue, long.MinValue];
        long watermark = long.MinValue;
        var all = new List<AdConverted>();
        int lateForSecond = 0;
        foreach (var (batchId, batch) in ranges)
        {
            var lefts = impressions.GetRange(batch[0].Start, batch[0].End - batch[0].Start);
            var rights = clicks.GetRange(batch[1].Start, batch[1].End - batch[1].Start);
            var thirds = conversions.GetRange(batch[2].Start, batch[2].End - batch[2].Start);
            var joined = first.Batch(lefts, rights, watermark, watermark);
            // Spark 3.5's propagation: the first join's output watermark trails by -(min(lower, 0) + min(-upper, 0)).
            long output = watermark == long.MinValue ? long.MinValue : watermark - fifteen;
            int lateBefore = second.Late;
            var expected = second.Batch(joined, thirds, watermark, output);
            lateForSecond += second.Late - lateBefore;
            var actual = run.Emitted.GetValueOrDefault(batchId, []);
            Assert.True(Sorted(expected).SequenceEqual(Sorted(actual)),
                $"batch {batchId} (first of run 2: {run.FirstOfSecondRun}): expected\n{string.Join("\n", Sorted(expected))}\nactual\n{string.Join("\n", Sorted(actual))}");
            all.AddRange(actual);
            Observe(latest, 0, lefts.Select(i => i.Time));
            Observe(latest, 1, rights.Select(c => c.Time));
            Observe(latest, 2, thirds.Select(v => v.Time));
            if (latest.All(t => t != long.MinValue)) watermark = Math.Max(watermark, latest.Min() - s_delay);
        }
        Assert.True(all.Count > 10, $"only {all.Count} conversions joined");
        Assert.True(first.Late > 0, "some impressions or clicks should be late");
        // The engine counts the conversions it drops against the second join.
        long counted = run.Recorder.Progress.Sum(p => p.StateOperators[1].NumRowsDroppedByWatermark);
        Assert.Equal(lateForSecond, counted);
    }

    private static void Observe(long[] latest, int input, IEnumerable<DateTime> times)
    {
        foreach (var time in times) latest[input] = Math.Max(latest[input], EventTimes.ToUnixMs(time));
    }

    /// <summary>Runs <paramref name="start"/> over the three inputs in random chunks, with a stop and restart halfway.</summary>
    private Task<RestartedRunResult<AdConverted>> RunAsync(
        Func<Sources.ISource<AdImpression>, Sources.ISource<AdClick>, Sources.ISource<AdConversion>, ISink<AdConverted>, QueryOptions?, StreamingQuery> start,
        List<AdImpression> impressions, List<AdClick> clicks, List<AdConversion> conversions, int seed)
    {
        var impressionChunks = InputData.Chunks(impressions, seed, 40);
        var clickChunks = InputData.Chunks(clicks, seed + 1, 40);
        var conversionChunks = InputData.Chunks(conversions, seed + 2, 40);
        var impressionSource = Source.Memory<AdImpression>("impressions", maxRowsPerTrigger: 20 + seed % 17);
        var clickSource = Source.Memory<AdClick>("clicks", maxRowsPerTrigger: 15 + seed % 13);
        var conversionSource = Source.Memory<AdConversion>("conversions", maxRowsPerTrigger: 10 + seed % 11);
        int rounds = Math.Max(impressionChunks.Count, Math.Max(clickChunks.Count, conversionChunks.Count));
        return RestartedRun.InTwoRunsAsync<AdConverted>(
            (sink, options) => start(impressionSource, clickSource, conversionSource, sink, options), _dir.Combine("checkpoint"), part =>
            {
                int from = part == 0 ? 0 : rounds / 2, to = part == 0 ? rounds / 2 : rounds;
                for (int i = from; i < to; i++)
                {
                    if (i < impressionChunks.Count) impressionSource.AddData(impressionChunks[i]);
                    if (i < clickChunks.Count) clickSource.AddData(clickChunks[i]);
                    if (i < conversionChunks.Count) conversionSource.AddData(conversionChunks[i]);
                }
            });
    }

    /// <summary>
    /// For about half the clicks, one or two conversions 0-40 minutes later (some outside 30), a third of them arriving up
    /// to 40 minutes early (before their click, often) and the others up to 20 minutes late.
    /// </summary>
    private static List<AdConversion> Conversions(List<AdClick> clicks, int seed)
    {
        var random = new Random(seed + 7);
        var conversions = new List<AdConversion>();
        foreach (var click in clicks)
        {
            int count = random.Next(4) switch { 0 or 1 => 0, 2 => 1, _ => 2 };
            for (int i = 0; i < count; i++) conversions.Add(new AdConversion(click.ImpressionId, click.Time.AddMilliseconds(random.Next(0, 40 * 60_000)), random.Next(1, 500)));
        }
        return [.. conversions.Select(v => (Row: v, Arrival: random.Next(3) == 0 ? v.Time.AddMinutes(-random.Next(0, 40)) : v.Time.AddMinutes(random.Next(0, 20)))).OrderBy(a => a.Arrival).Select(a => a.Row)];
    }

    private static IEnumerable<string> Sorted(IEnumerable<AdConverted> rows) => rows.Select(r => r.ToString()).Order(StringComparer.Ordinal);
}
