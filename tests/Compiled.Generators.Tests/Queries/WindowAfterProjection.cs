namespace Compiled.Generators.Tests.Queries;

/// <summary>A Select between the watermark and the window copies the watermarked member under another name; Append.</summary>
[StreamingQuery(OutputMode.Append)]
public static partial class WindowAfterProjection
{
    private static IStream<WindowCount> Define(IStream<Reading> readings) => readings
        .WithWatermark(r => r.At, TimeSpan.FromMinutes(1))
        .Select(r => new Sample(r.At, r.Sensor, r.Value))
        .GroupBy(s => (Window.Tumbling(s.Taken, TimeSpan.FromMinutes(10)), s.Sensor))
        .Select(g => new WindowCount(g.Key.Item1.Start, g.Key.Item1.End, g.Key.Sensor, g.LongCount(), g.Sum(s => s.Value)));
}
