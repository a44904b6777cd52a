namespace Compiled.EndToEnd.Tests.Queries;

/// <summary>Tumbling 10 s windows per sensor, Complete: every window after every batch.</summary>
[StreamingQuery(OutputMode.Complete)]
public static partial class TumblingSensorComplete
{
    private static IStream<SensorWindow> Define(IStream<Reading> readings) => readings
        .WithWatermark(r => r.Time, TimeSpan.FromSeconds(5))
        .GroupBy(r => (r.Sensor, Window.Tumbling(r.Time, TimeSpan.FromSeconds(10))))
        .Select(g => new SensorWindow(g.Key.Item2.Start, g.Key.Item2.End, g.Key.Sensor, g.LongCount(), g.Sum(r => r.Value)));
}
