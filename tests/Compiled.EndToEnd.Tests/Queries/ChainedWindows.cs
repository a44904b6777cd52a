namespace Compiled.EndToEnd.Tests.Queries;

/// <summary>One sensor's readings in one window, as the first of chained window aggregations writes it.</summary>
public sealed record SensorTimeWindow(TimeWindow Window, string Sensor, long Count, long Sum);

/// <summary>Totals over the first aggregation's windows that fell in one window of the second.</summary>
public sealed record ChainedTotal(DateTime Start, DateTime End, string Sensor, long Windows, long Count, long Sum);

/// <summary>
/// Chained window aggregations (Spark 3.5's window_time): 10 s counts per sensor, then 30 s tumbling totals per sensor
/// over each window's <see cref="TimeWindow.WindowTime"/>; Append.
/// </summary>
[StreamingQuery(OutputMode.Append)]
public static partial class ChainedTumblingPerSensor
{
    private static IStream<ChainedTotal> Define(IStream<Reading> readings) => readings
        .WithWatermark(r => r.Time, TimeSpan.FromSeconds(5))
        .GroupBy(r => (Window.Tumbling(r.Time, TimeSpan.FromSeconds(10)), r.Sensor))
        .Select(g => new SensorTimeWindow(g.Key.Item1, g.Key.Item2, g.LongCount(), g.Sum(r => r.Value)))
        .GroupBy(w => (Window.Tumbling(w.Window.WindowTime, TimeSpan.FromSeconds(30)), w.Sensor))
        .Select(g => new ChainedTotal(g.Key.Item1.Start, g.Key.Item1.End, g.Key.Item2, g.LongCount(), g.Sum(w => w.Count), g.Sum(w => w.Sum)));
}

/// <summary>Chained: 10 s tumbling counts per sensor, then sliding 30 s windows every 20 s over all sensors; Append.</summary>
[StreamingQuery(OutputMode.Append)]
public static partial class ChainedSlidingTotal
{
    private static IStream<ChainedTotal> Define(IStream<Reading> readings) => readings
        .WithWatermark(r => r.Time, TimeSpan.FromSeconds(5))
        .GroupBy(r => (Window.Tumbling(r.Time, TimeSpan.FromSeconds(10)), r.Sensor))
        .Select(g => new SensorTimeWindow(g.Key.Item1, g.Key.Item2, g.LongCount(), g.Sum(r => r.Value)))
        .Where(w => w.Sensor != "b")
        .GroupBy(w => Window.Sliding(w.Window.WindowTime, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(20)))
        .Select(g => new ChainedTotal(g.Key.Start, g.Key.End, "", g.LongCount(), g.Sum(w => w.Count), g.Sum(w => w.Sum)));
}

/// <summary>
/// Chained on the first window's start, not its WindowTime: a window the first writes whose start is at or behind the
/// previous batch's watermark is late for the second and dropped, as in Spark; Append.
/// </summary>
[StreamingQuery(OutputMode.Append)]
public static partial class ChainedOnWindowStart
{
    private static IStream<ChainedTotal> Define(IStream<Reading> readings) => readings
        .WithWatermark(r => r.Time, TimeSpan.FromSeconds(5))
        .GroupBy(r => (Window.Tumbling(r.Time, TimeSpan.FromSeconds(4)), r.Sensor))
        .Select(g => new SensorTimeWindow(g.Key.Item1, g.Key.Item2, g.LongCount(), g.Sum(r => r.Value)))
        .GroupBy(w => (Window.Tumbling(w.Window.Start, TimeSpan.FromSeconds(20)), w.Sensor))
        .Select(g => new ChainedTotal(g.Key.Item1.Start, g.Key.Item1.End, g.Key.Item2, g.LongCount(), g.Sum(w => w.Count), g.Sum(w => w.Sum)));
}
