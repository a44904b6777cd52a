namespace Compiled.Generators.Tests.Queries;

/// <summary>
/// Chained window aggregations: tumbling 1-minute counts, then sliding 10-minute windows every 5 minutes over their
/// WindowTime, on a DateTimeOffset input; Append.
/// </summary>
[StreamingQuery(OutputMode.Append)]
public static partial class WindowChainedSliding
{
    private static IStream<WindowCount> Define(IStream<Reading> readings) => readings
        .WithWatermark(r => r.Observed, TimeSpan.FromMinutes(2))
        .GroupBy(r => Window.Tumbling(r.Observed, TimeSpan.FromMinutes(1)))
        .Select(g => new SensorWindow(g.Key, "all", g.LongCount(), g.Max(r => r.Value)))
        .GroupBy(s => Window.Sliding(s.Window.WindowTime, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(5)))
        .Select(g => new WindowCount(g.Key.Start, g.Key.End, "peaks", g.LongCount(), g.Max(s => s.Sum)));
}
