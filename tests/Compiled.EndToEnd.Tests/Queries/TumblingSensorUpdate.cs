namespace Compiled.EndToEnd.Tests.Queries;

/// <summary>Tumbling 10 s windows per sensor, Update: each batch emits the windows it changed.</summary>
[StreamingQuery(OutputMode.Update)]
public static partial class TumblingSensorUpdate
{
    private static IStream<SensorWindow> Define(IStream<Reading> readings) => readings
        .WithWatermark(r => r.Time, TimeSpan.FromSeconds(5))
        .GroupBy(r => (Window.Tumbling(r.Time, TimeSpan.FromSeconds(10)), r.Sensor))
        .Select(g => new SensorWindow(g.Key.Item1.Start, g.Key.Item1.End, g.Key.Sensor, g.LongCount(), g.Sum(r => r.Value)));
}
