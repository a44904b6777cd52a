using Compiled.EndToEnd.Tests.Queries;
using Compiled.EndToEnd.Tests.Support;
using Compiled.Sinks;
using Compiled.Testing.EventTime;

namespace Compiled.EndToEnd.Tests.Differential;

/// <summary>
/// The generated windowed aggregations run through the real engine over FASTER state, with out-of-order and late rows,
/// batch boundaries the engine chooses (a per-trigger row limit) and a stop and restart halfway; every batch's output,
/// batches without data included, must be what <see cref="WindowReference{TRow, TKey}"/> says Spark would emit.
/// </summary>
public sealed class WindowedRestartTests : IDisposable
{
    private static readonly TimeSpan s_delay = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan s_ten = TimeSpan.FromSeconds(10);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public Task Tumbling_windows_per_sensor_in_update_mode(int seed) => CheckAsync(
        TumblingSensorUpdate.Start,
        new WindowReference<Reading, string>(r => r.Time, r => r.Sensor, WindowShape.Tumbling, s_ten, s_ten, TimeSpan.Zero, s_delay, OutputMode.Update),
        PerSensor, new ReferenceWindow.Tumbling(10_000), seed);

    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    public Task Tumbling_windows_with_an_offset_over_all_sensors_in_append_mode(int seed) => CheckAsync(
        TumblingTotalAppend.Start,
        new WindowReference<Reading, string>(r => r.Time, r => "", WindowShape.Tumbling, s_ten, s_ten, TimeSpan.FromSeconds(3), s_delay, OutputMode.Append),
        Total, new ReferenceWindow.Tumbling(10_000, 3_000), seed);

    [Theory]
    [InlineData(31)]
    public Task Tumbling_windows_per_sensor_in_complete_mode_keep_late_rows(int seed) => CheckAsync(
        TumblingSensorComplete.Start,
        new WindowReference<Reading, string>(r => r.Time, r => r.Sensor, WindowShape.Tumbling, s_ten, s_ten, TimeSpan.Zero, s_delay, OutputMode.Complete),
        PerSensor, new ReferenceWindow.Tumbling(10_000), seed);

    [Theory]
    [InlineData(41)]
    [InlineData(42)]
    public Task Sliding_windows_per_sensor_in_append_mode(int seed) => CheckAsync(
        SlidingSensorAppend.Start,
        new WindowReference<Reading, string>(r => r.Time, r => r.Sensor, WindowShape.Sliding, TimeSpan.FromSeconds(30), s_ten, TimeSpan.Zero, s_delay, OutputMode.Append),
        PerSensor, new ReferenceWindow.Sliding(30_000, 10_000), seed);

    [Theory]
    [InlineData(51)]
    public Task Sliding_windows_with_a_slide_that_does_not_divide_the_size_in_update_mode(int seed) => CheckAsync(
        SlidingTotalUpdate.Start,
        new WindowReference<Reading, string>(r => r.Time, r => "", WindowShape.Sliding, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(15), TimeSpan.Zero, s_delay, OutputMode.Update),
        Total, new ReferenceWindow.Sliding(20_000, 15_000), seed);

    [Theory]
    [InlineData(61)]
    [InlineData(62)]
    public Task Sessions_per_sensor_in_append_mode(int seed) => CheckAsync(
        SessionSensorAppend.Start,
        new WindowReference<Reading, string>(r => r.Time, r => r.Sensor, WindowShape.Session, TimeSpan.FromSeconds(7), TimeSpan.Zero, TimeSpan.Zero, s_delay, OutputMode.Append),
        PerSensor, new ReferenceWindow.Session(7_000), seed);

    private static SensorWindow PerSensor(DateTime start, DateTime end, string sensor, List<Reading> rows) =>
        new(start, end, sensor, rows.Count, rows.Sum(r => (long)r.Value));

    private static WindowTotal Total(DateTime start, DateTime end, string key, List<Reading> rows) =>
        new(start, end, rows.Count, rows.Sum(r => (long)r.Value), rows.Max(r => r.Value));

    /// <summary>
    /// Feeds random readings to the query in two runs on one checkpoint and compares each batch's output with the
    /// reference replayed over the batches the engine reported.
    /// </summary>
    private async Task CheckAsync<TOut>(
        Func<Sources.ISource<Reading>, ISink<TOut>, QueryOptions?, StreamingQuery> start,
        WindowReference<Reading, string> reference,
        Func<DateTime, DateTime, string, List<Reading>, TOut> expectedRow,
        ReferenceWindow sharedWindow,
        int seed)
        where TOut : notnull
    {
        var readings = Readings(600, seed);
        var chunks = InputData.Chunks(readings, seed, 80);
        var source = Source.Memory<Reading>("readings", maxRowsPerTrigger: 25 + seed % 30);
        var (emitted, recorder, firstOfSecondRun) = await RestartedRun.RunAsync(start, source, chunks, _dir.Combine("checkpoint"));

        var ranges = recorder.MemoryRanges();
        Assert.Equal(readings.Count, ranges.Values.Last().End);
        // Outside Complete mode the watermark alone closes windows, in batches without data.
        if (reference.Mode != OutputMode.Complete) Assert.Contains(ranges.Values, r => r.Start == r.End);
        foreach (var (batchId, (from, to)) in ranges)
        {
            var expected = reference.Batch(readings.GetRange(from, to - from))
                .Select(w => expectedRow(w.Start, w.End, w.Key, w.Rows));
            Assert.True(Sorted(expected).SequenceEqual(Sorted(emitted.GetValueOrDefault(batchId, []))), $"batch {batchId} (rows {from}..{to}, first of run 2: {firstOfSecondRun}): expected\n{string.Join("\n", Sorted(expected))}\nactual\n{string.Join("\n", Sorted(emitted.GetValueOrDefault(batchId, [])))}");
        }
        Assert.True(reference.Late > 0, "the data should hold late rows");

        // The event-time runtime's own reference interpreter, fed the same data batches, gives the same rows in all. It
        // places a batch without data after every data batch that moved the watermark, where the engine runs one only
        // when no data waits, so the two may emit a window in different batches, never a different set of rows.
        var shared = EventTimeReference.Run(
            new ReferenceQuery<Reading, string, TOut>
            {
                EventTimeMs = r => EventTimes.ToUnixMs(r.Time),
                DelayMs = (long)s_delay.TotalMilliseconds,
                Window = sharedWindow,
                Key = reference.KeyOf,
                Result = (start, end, key, rows) => expectedRow(EventTimes.FromUnixMs(start), EventTimes.FromUnixMs(end), key, rows.ToList()),
                Mode = reference.Mode,
            },
            ranges.Values.Where(r => r.End > r.Start).Select(r => (IReadOnlyList<Reading>)readings.GetRange(r.Start, r.End - r.Start)).ToList());
        Assert.Equal(Sorted(shared.SelectMany(b => b.Output)), Sorted(emitted.Values.SelectMany(rows => rows)));
    }

    /// <summary>
    /// Readings whose time moves forward by up to 2 s a row, a fifth of them up to 15 s in the past (so some are behind
    /// the 5 s watermark and some land in windows still open), over three sensors, at whole milliseconds.
    /// </summary>
    internal static List<Reading> Readings(int count, int seed)
    {
        var random = new Random(seed);
        var now = new DateTime(2026, 12, 4, 10, 0, 0, DateTimeKind.Utc);
        string[] sensors = ["a", "b", "ü"];
        var readings = new List<Reading>(count);
        for (int i = 0; i < count; i++)
        {
            now = now.AddMilliseconds(random.Next(0, 2000));
            var time = random.Next(5) == 0 ? now.AddMilliseconds(-random.Next(0, 15_000)) : now;
            readings.Add(new Reading(time, sensors[random.Next(sensors.Length)], random.Next(-50, 100)));
        }
        return readings;
    }

    internal static string[] Sorted<T>(IEnumerable<T> rows) where T : notnull =>
        rows.Select(r => r.ToString()!).Order(StringComparer.Ordinal).ToArray();
}
