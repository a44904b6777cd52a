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

    [Theory]
    [InlineData(101)]
    [InlineData(102)]
    public async Task Two_inner_joins_on_keys(int seed)
    {
        var (impressions, clicks) = StreamJoinRestartTests.Events(300, seed);
        var conversions = Conversions(clicks, seed);
        var impressionChunks = InputData.Chunks(impressions, seed, 40);
        var clickChunks = InputData.Chunks(clicks, seed + 1, 40);
        var conversionChunks = InputData.Chunks(conversions, seed + 2, 40);
        var impressionSource = Source.Memory<AdImpression>("impressions", maxRowsPerTrigger: 20 + seed % 17);
        var clickSource = Source.Memory<AdClick>("clicks", maxRowsPerTrigger: 15 + seed % 13);
        var conversionSource = Source.Memory<AdConversion>("conversions", maxRowsPerTrigger: 10 + seed % 11);
        int rounds = Math.Max(impressionChunks.Count, Math.Max(clickChunks.Count, conversionChunks.Count));
        var run = await RestartedRun.InTwoRunsAsync<AdConverted>(
            (sink, options) => AdConversionsByKey.Start(impressionSource, clickSource, conversionSource, sink, options), _dir.Combine("checkpoint"), part =>
            {
                int from = part == 0 ? 0 : rounds / 2, to = part == 0 ? rounds / 2 : rounds;
                for (int i = from; i < to; i++)
                {
                    if (i < impressionChunks.Count) impressionSource.AddData(impressionChunks[i]);
                    if (i < clickChunks.Count) clickSource.AddData(clickChunks[i]);
                    if (i < conversionChunks.Count) conversionSource.AddData(conversionChunks[i]);
                }
            });

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

    /// <summary>For about half the clicks, one or two conversions 0-30 minutes later, in roughly the order they happened.</summary>
    private static List<AdConversion> Conversions(List<AdClick> clicks, int seed)
    {
        var random = new Random(seed + 7);
        var conversions = new List<AdConversion>();
        foreach (var click in clicks)
        {
            int count = random.Next(4) switch { 0 or 1 => 0, 2 => 1, _ => 2 };
            for (int i = 0; i < count; i++) conversions.Add(new AdConversion(click.ImpressionId, click.Time.AddMilliseconds(random.Next(0, 30 * 60_000)), random.Next(1, 500)));
        }
        return [.. conversions.OrderBy(v => v.Time)];
    }

    private static IEnumerable<string> Sorted(IEnumerable<AdConverted> rows) => rows.Select(r => r.ToString()).Order(StringComparer.Ordinal);
}
