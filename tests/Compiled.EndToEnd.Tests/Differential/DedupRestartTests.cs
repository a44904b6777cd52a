using Compiled.EndToEnd.Tests.Queries;
using Compiled.EndToEnd.Tests.Support;
using Compiled.Sinks;
using Compiled.Testing.KeyedState;

namespace Compiled.EndToEnd.Tests.Differential;

/// <summary>
/// The generated deduplications, alone and chained before an aggregation, run through the real engine over FASTER
/// state with redeliveries, out-of-order and late rows, batch boundaries the engine chooses and a stop and restart
/// halfway; every batch's output and the deduplication's state size must be what <see cref="DedupReference{TRow, TKey}"/>
/// (and, after it, a plain recomputation of the aggregation) says Spark would give.
/// </summary>
public sealed class DedupRestartTests : IDisposable
{
    private const long DelayMs = 5_000;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public Task DropDuplicates_on_id_and_time_evicts_by_the_watermark(int seed) => CheckAsync(
        DeliveriesOnce.Start,
        () => new DedupReference<Delivery, (int, DateTime)>(d => (d.Id, d.Time), TimeMs, DelayMs, DedupForget.EventTime),
        (reference, passed) => passed, seed);

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public Task DropDuplicatesWithinWatermark_drops_redeliveries_until_the_first_time_plus_the_delay(int seed) => CheckAsync(
        DeliveriesWithinWatermark.Start,
        () => new DedupReference<Delivery, int>(d => d.Id, TimeMs, DelayMs, DedupForget.EventTimePlusDelay),
        (reference, passed) => passed, seed);

    [Theory]
    [InlineData(5)]
    public Task Distinct_without_a_watermark_keeps_every_key(int seed) => CheckAsync(
        DistinctSensors.Start,
        () => new DedupReference<Delivery, string>(d => d.Sensor, timeMs: null, 0, DedupForget.Never),
        (reference, passed) => passed.Select(d => d.Sensor).ToList(), seed);

    [Theory]
    [InlineData(6)]
    [InlineData(7)]
    public Task Deduplication_then_a_count_per_sensor_in_update_mode(int seed)
    {
        var totals = new Dictionary<string, (long Count, long Sum)>();
        return CheckAsync(
            DeliveryCountsUpdate.Start,
            () => new DedupReference<Delivery, int>(d => d.Id, TimeMs, DelayMs, DedupForget.EventTimePlusDelay),
            (reference, passed) =>
            {
                foreach (var d in passed)
                {
                    var (count, sum) = totals.GetValueOrDefault(d.Sensor);
                    totals[d.Sensor] = (count + 1, sum + d.Value);
                }
                return passed.Select(d => d.Sensor).Distinct().Select(s => new SensorCount(s, totals[s].Count, totals[s].Sum)).ToList();
            },
            seed);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(9)]
    public Task Deduplication_then_tumbling_windows_in_append_mode(int seed)
    {
        var ten = TimeSpan.FromSeconds(10);
        var windows = new WindowReference<Delivery, string>(d => d.Time, d => d.Sensor, WindowShape.Tumbling, ten, ten, TimeSpan.Zero,
            TimeSpan.FromMilliseconds(DelayMs), OutputMode.Append);
        return CheckAsync(
            DeliveryWindowsAppend.Start,
            () => new DedupReference<Delivery, (int, DateTime)>(d => (d.Id, d.Time), TimeMs, DelayMs, DedupForget.EventTime),
            // Only redeliveries at the same time and late rows are dropped before the windows, so the windows' own watermark is the deduplication's.
            (reference, passed) => windows.Batch(passed).Select(w => new SensorWindow(w.Start, w.End, w.Key, w.Rows.Count, w.Rows.Sum(d => (long)d.Value))).ToList(),
            seed);
    }

    private static long TimeMs(Delivery d) => EventTimes.ToUnixMs(d.Time);

    /// <summary>
    /// Feeds random deliveries to the query in two runs on one checkpoint, then replays the batches the engine reported
    /// through the reference: each batch's rows and the deduplication's state size after it must match.
    /// </summary>
    private async Task CheckAsync<TKey, TOut>(
        Func<Sources.ISource<Delivery>, ISink<TOut>, QueryOptions?, StreamingQuery> start,
        Func<DedupReference<Delivery, TKey>> newReference,
        Func<DedupReference<Delivery, TKey>, List<Delivery>, List<TOut>> downstream,
        int seed)
        where TKey : notnull
        where TOut : notnull
    {
        var deliveries = Deliveries(500, seed);
        var chunks = InputData.Chunks(deliveries, seed, 60);
        var source = Source.Memory<Delivery>("deliveries", maxRowsPerTrigger: 20 + seed % 25);
        var (emitted, recorder, _) = await RestartedRun.RunAsync(start, source, chunks, _dir.Combine("checkpoint"));

        var reference = newReference();
        var ranges = recorder.MemoryRanges();
        Assert.Equal(deliveries.Count, ranges.Values.Last().End);
        var progress = recorder.Progress.ToDictionary(p => p.BatchId);
        int removedSomewhere = 0, dropped = 0;
        foreach (var (batchId, (from, to)) in ranges)
        {
            int before = reference.StateKeys;
            var passed = reference.Batch(deliveries.GetRange(from, to - from));
            dropped += to - from - passed.Count;
            var expected = downstream(reference, passed);
            var actual = emitted.GetValueOrDefault(batchId, []);
            Assert.True(Sorted(expected).SequenceEqual(Sorted(actual)),
                $"batch {batchId} (rows {from}..{to}, watermark {reference.WatermarkMs}): expected\n{string.Join("\n", Sorted(expected))}\nactual\n{string.Join("\n", Sorted(actual))}");
            var dedup = progress[batchId].StateOperators.Single(op => op.OperatorName.StartsWith("Drop", StringComparison.Ordinal) || op.OperatorName == "Distinct()");
            Assert.True(reference.StateKeys == dedup.NumRowsTotal, $"batch {batchId}: the reference keeps {reference.StateKeys} keys, the state {dedup.NumRowsTotal}");
            if (reference.StateKeys < before + passed.Count) removedSomewhere++;
        }
        // The data exercises what the tests claim: duplicates, and (with a watermark) late rows and eviction.
        Assert.True(dropped > reference.Late, "no duplicate was dropped");
        if (reference.WatermarkMs != long.MinValue)
        {
            Assert.True(reference.Late > 0, "the data should hold late rows");
            Assert.True(removedSomewhere > 0, "the watermark should evict keys");
        }
    }

    /// <summary>
    /// Deliveries whose time moves forward by up to 2 s a row, a fifth of them up to 15 s in the past; two in five are
    /// redeliveries of one of the last 30 messages, half with the same time, half up to 8 s later. Times on a 250 ms grid,
    /// so rows, watermarks and forget times often coincide: the boundaries are what is tested.
    /// </summary>
    internal static List<Delivery> Deliveries(int count, int seed)
    {
        var random = new Random(seed);
        var now = new DateTime(2026, 12, 4, 10, 0, 0, DateTimeKind.Utc);
        string[] sensors = ["a", "b", "ü"];
        var sent = new List<Delivery>(count);
        var rows = new List<Delivery>(count);
        for (int i = 0; i < count; i++)
        {
            now = now.AddMilliseconds(random.Next(0, 9) * 250);
            if (sent.Count > 0 && random.Next(5) < 2)
            {
                var original = sent[random.Next(Math.Max(0, sent.Count - 30), sent.Count)];
                rows.Add(random.Next(2) == 0 ? original : original with { Time = original.Time.AddMilliseconds(random.Next(0, 33) * 250) });
                continue;
            }
            var time = random.Next(5) == 0 ? now.AddMilliseconds(-random.Next(0, 61) * 250) : now;
            var delivery = new Delivery(sent.Count, time, sensors[random.Next(sensors.Length)], random.Next(-50, 100));
            sent.Add(delivery);
            rows.Add(delivery);
        }
        return rows;
    }

    private static string[] Sorted<T>(IEnumerable<T> rows) where T : notnull =>
        rows.Select(r => r.ToString()!).Order(StringComparer.Ordinal).ToArray();
}
