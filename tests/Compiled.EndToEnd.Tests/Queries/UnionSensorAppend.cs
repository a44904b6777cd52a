namespace Compiled.EndToEnd.Tests.Queries;

/// <summary>
/// Readings of two sites, each with its own watermark (5 s and 8 s), unioned, then tumbling 10 s windows per sensor;
/// Append: each window once, when the query's watermark (the smaller of the two) passed its end.
/// </summary>
[StreamingQuery(OutputMode.Append)]
public static partial class UnionSensorAppend
{
    private static IStream<SensorWindow> Define(IStream<Reading> north, IStream<Reading> south) => north
        .WithWatermark(r => r.Time, TimeSpan.FromSeconds(5))
        .Union(south.WithWatermark(r => r.Time, TimeSpan.FromSeconds(8)).Where(r => r.Value >= 0))
        .GroupBy(r => (Window.Tumbling(r.Time, TimeSpan.FromSeconds(10)), r.Sensor))
        .Select(g => new SensorWindow(g.Key.Item1.Start, g.Key.Item1.End, g.Key.Sensor, g.LongCount(), g.Sum(r => r.Value)));
}
