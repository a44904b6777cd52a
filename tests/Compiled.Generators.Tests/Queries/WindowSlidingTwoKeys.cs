namespace Compiled.Generators.Tests.Queries;

/// <summary>Sliding windows over panes of gcd(size, slide), between two other key parts, on a DateTimeOffset; Append.</summary>
[StreamingQuery(OutputMode.Append)]
public static partial class WindowSlidingTwoKeys
{
    private static IStream<WindowCount> Define(IStream<Reading> readings) => readings
        .WithWatermark(r => r.Observed, TimeSpan.FromSeconds(30))
        .GroupBy(r => new { r.Sensor, Window = Window.Sliding(r.Observed, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(15)), Positive = r.Value > 0 })
        .Select(g => new WindowCount(g.Key.Window.Start, g.Key.Window.End, g.Key.Sensor + (g.Key.Positive ? "+" : "-"), g.LongCount(), g.Max(r => r.Value)));
}
