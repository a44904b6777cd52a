namespace Compiled.EndToEnd.Tests.Queries;

/// <summary>Sliding 20 s windows every 15 s (panes of 5 s) over all sensors, Update.</summary>
[StreamingQuery(OutputMode.Update)]
public static partial class SlidingTotalUpdate
{
    private static IStream<WindowTotal> Define(IStream<Reading> readings) => readings
        .WithWatermark(r => r.Time, TimeSpan.FromSeconds(5))
        .GroupBy(r => Window.Sliding(r.Time, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(15)))
        .Select(g => new WindowTotal(g.Key.Start, g.Key.End, g.LongCount(), g.Sum(r => r.Value), g.Max(r => r.Value)));
}
