namespace Compiled.EndToEnd.Tests.Queries;

/// <summary>Sliding 30 s windows every 10 s per sensor, Append (computed over 10 s panes).</summary>
[StreamingQuery(OutputMode.Append)]
public static partial class SlidingSensorAppend
{
    private static IStream<SensorWindow> Define(IStream<Reading> readings) => readings
        .WithWatermark(r => r.Time, TimeSpan.FromSeconds(5))
        .GroupBy(r => (Window.Sliding(r.Time, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10)), r.Sensor))
        .Select(g => new SensorWindow(g.Key.Item1.Start, g.Key.Item1.End, g.Key.Sensor, g.LongCount(), g.Sum(r => r.Value)));
}
