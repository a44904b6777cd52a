namespace Compiled.Generators.Tests.Queries;

/// <summary>Tumbling windows on a long epoch-ms time, with a key part after the window; Update.</summary>
[StreamingQuery(OutputMode.Update)]
public static partial class WindowTumblingKeyed
{
    private static IStream<WindowCount> Define(IStream<Trade> trades) => trades
        .WithWatermark(t => t.Time, TimeSpan.FromSeconds(10))
        .Where(t => t.Amount > 0)
        .GroupBy(t => (Window.Tumbling(t.Time, TimeSpan.FromMinutes(1)), t.Broker))
        .Select(g => new WindowCount(g.Key.Item1.Start, g.Key.Item1.End, g.Key.Broker, g.LongCount(), g.Sum(t => t.Amount)));
}
