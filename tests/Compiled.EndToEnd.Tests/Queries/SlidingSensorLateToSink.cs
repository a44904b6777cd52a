namespace Compiled.EndToEnd.Tests.Queries;

/// <summary>Sliding 30 s windows every 10 s per sensor, Update; readings behind the watermark go to a late-row sink.</summary>
[StreamingQuery(OutputMode.Update)]
public static partial class SlidingSensorLateToSink
{
    private static IStream<SensorWindow> Define(IStream<Reading> readings) => readings
        .WithWatermark(r => r.Time, TimeSpan.FromSeconds(5), LateRows.ToSink)
        .GroupBy(r => (Window.Sliding(r.Time, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10)), r.Sensor))
        .Select(g => new SensorWindow(g.Key.Item1.Start, g.Key.Item1.End, g.Key.Sensor, g.LongCount(), g.Sum(r => r.Value)));
}
