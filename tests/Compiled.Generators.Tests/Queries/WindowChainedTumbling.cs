namespace Compiled.Generators.Tests.Queries;

/// <summary>
/// Chained window aggregations (Spark 3.5's window_time): 10-minute counts per sensor, then per hour over the sensors'
/// windows, grouped on each window's WindowTime; Append.
/// </summary>
[StreamingQuery(OutputMode.Append)]
public static partial class WindowChainedTumbling
{
    private static IStream<WindowCount> Define(IStream<Reading> readings) => readings
        .WithWatermark(r => r.At, TimeSpan.FromMinutes(10))
        .GroupBy(r => (Window.Tumbling(r.At, TimeSpan.FromMinutes(10)), r.Sensor))
        .Select(g => new SensorWindow(g.Key.Item1, g.Key.Item2, g.LongCount(), g.Sum(r => r.Value)))
        .Where(s => s.Count > 1)
        .GroupBy(s => (Window.Tumbling(s.Window.WindowTime, TimeSpan.FromHours(1)), s.Sensor))
        .Select(g => new WindowCount(g.Key.Item1.Start, g.Key.Item1.End, g.Key.Item2, g.LongCount(), g.Sum(s => s.Sum)));
}
