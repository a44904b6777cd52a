namespace Compiled.EndToEnd.Tests.Queries;

/// <summary>Sessions per sensor with a 7 s gap, Append: a session once, when the watermark passed its end.</summary>
[StreamingQuery(OutputMode.Append)]
public static partial class SessionSensorAppend
{
    private static IStream<SensorWindow> Define(IStream<Reading> readings) => readings
        .WithWatermark(r => r.Time, TimeSpan.FromSeconds(5))
        .GroupBy(r => (Window.Session(r.Time, TimeSpan.FromSeconds(7)), r.Sensor))
        .Select(g => new SensorWindow(g.Key.Item1.Start, g.Key.Item1.End, g.Key.Sensor, g.LongCount(), g.Sum(r => r.Value)));
}
