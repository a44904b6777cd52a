using Compiled.EndToEnd.Tests.Queries;
using Compiled.EndToEnd.Tests.Support;
using Compiled.Sinks;
using Compiled.Testing.EventTime;

namespace Compiled.EndToEnd.Tests.Differential;

/// <summary>
/// Chained window aggregations run through the real engine over FASTER state, with out-of-order and late rows, batch
/// boundaries the engine chooses and a stop and restart halfway; every batch's output, batches without data included,
/// must be what the shared event-time reference composed twice (<see cref="EventTimeReference.RunChained"/>) says.
/// </summary>
public sealed class ChainedWindowRestartTests : IDisposable
{
    private const long Delay = 5_000;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(71)]
    [InlineData(72)]
    public Task Tumbling_windows_per_sensor_over_the_window_time_of_tumbling_windows(int seed) => CheckAsync(
        ChainedTumblingPerSensor.Start, First(10_000), new ReferenceQuery<SensorTimeWindow, string, ChainedTotal>
        {
            EventTimeMs = w => w.Window.EndMs - 1,
            AtOrBefore = (w, watermark) => w.Window.EndMs <= watermark,
            Window = new ReferenceWindow.Tumbling(30_000),
            Key = w => w.Sensor,
            Result = Total,
            Mode = OutputMode.Append,
        },
        seed);

    [Theory]
    [InlineData(81)]
    [InlineData(82)]
    public Task Sliding_windows_over_the_window_time_of_tumbling_windows_after_a_filter(int seed) => CheckAsync(
        ChainedSlidingTotal.Start, First(10_000), new ReferenceQuery<SensorTimeWindow, string, ChainedTotal>
        {
            EventTimeMs = w => w.Window.EndMs - 1,
            AtOrBefore = (w, watermark) => w.Window.EndMs <= watermark,
            Window = new ReferenceWindow.Sliding(30_000, 20_000),
            Key = w => "",
            Result = Total,
            Mode = OutputMode.Append,
        },
        seed,
        w => w.Sensor != "b");

    [Theory]
    [InlineData(91)]
    [InlineData(92)]
    public Task Windows_chained_on_the_window_start_drop_what_the_previous_watermark_passed(int seed) => CheckAsync(
        ChainedOnWindowStart.Start, First(4_000), new ReferenceQuery<SensorTimeWindow, string, ChainedTotal>
        {
            EventTimeMs = w => w.Window.StartMs,
            Window = new ReferenceWindow.Tumbling(20_000),
            Key = w => w.Sensor,
            Result = Total,
            Mode = OutputMode.Append,
        },
        seed,
        expectLate: true);

    private static ReferenceQuery<Reading, string, SensorTimeWindow> First(long sizeMs) => new()
    {
        EventTimeMs = r => EventTimes.ToUnixMs(r.Time),
        DelayMs = Delay,
        Window = new ReferenceWindow.Tumbling(sizeMs),
        Key = r => r.Sensor,
        Result = (start, end, sensor, rows) => new SensorTimeWindow(TimeWindow.FromUnixMs(start, end), sensor, rows.Count, rows.Sum(r => (long)r.Value)),
        Mode = OutputMode.Append,
    };

    private static ChainedTotal Total(long start, long end, string sensor, IReadOnlyList<SensorTimeWindow> windows) =>
        new(EventTimes.FromUnixMs(start), EventTimes.FromUnixMs(end), sensor, windows.Count, windows.Sum(w => w.Count), windows.Sum(w => w.Sum));

    /// <summary>
    /// Feeds random readings to the query in two runs on one checkpoint and compares each batch's output with the chained
    /// reference replayed over the batches the engine reported (<paramref name="between"/>: the filter between the two
    /// aggregations).
    /// </summary>
    private async Task CheckAsync(
        Func<Sources.ISource<Reading>, ISink<ChainedTotal>, QueryOptions?, StreamingQuery> start,
        ReferenceQuery<Reading, string, SensorTimeWindow> first,
        ReferenceQuery<SensorTimeWindow, string, ChainedTotal> second,
        int seed,
        Func<SensorTimeWindow, bool>? between = null,
        bool expectLate = false)
    {
        var readings = WindowedRestartTests.Readings(700, seed);
        var chunks = InputData.Chunks(readings, seed, 80);
        var source = Source.Memory<Reading>("readings", maxRowsPerTrigger: 25 + seed % 30);
        var (emitted, recorder, firstOfSecondRun) = await RestartedRun.RunAsync(start, source, chunks, _dir.Combine("checkpoint"));

        var ranges = recorder.MemoryRanges();
        Assert.Equal(readings.Count, ranges.Values.Last().End);
        Assert.Contains(ranges.Values, r => r.Start == r.End);
        Assert.Equal(ranges.Keys, Enumerable.Range(0, ranges.Count).Select(i => (long)i));
        var batches = ranges.Values.Select(r => (IReadOnlyList<Reading>)readings.GetRange(r.Start, r.End - r.Start)).ToList();
        var (expected, due) = EventTimeReference.RunChained(first, second, batches, between);
        Assert.False(due, "the engine stopped while a batch without data would still close a window");
        foreach (var (batchId, _) in ranges)
        {
            var want = WindowedRestartTests.Sorted(expected[(int)batchId].Output);
            var got = WindowedRestartTests.Sorted(emitted.GetValueOrDefault(batchId, []));
            Assert.True(want.SequenceEqual(got), $"batch {batchId} (first of run 2: {firstOfSecondRun}): expected\n{string.Join("\n", want)}\nactual\n{string.Join("\n", got)}");
        }
        Assert.True(expected.Sum(b => b.Output.Count) > 5, "the chain should emit windows");
        int late = expected.Sum(b => b.Late.Count);
        if (expectLate) Assert.True(late > 0, "some windows of the first aggregation should be late for the second");
        else Assert.Equal(0, late);
        // The engine counts the second aggregation's late rows against it, the second state operator.
        long counted = recorder.Progress.Sum(p => p.StateOperators[1].NumRowsDroppedByWatermark);
        Assert.Equal(late, counted);
    }
}
