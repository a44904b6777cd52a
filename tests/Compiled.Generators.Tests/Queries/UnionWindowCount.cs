namespace Compiled.Generators.Tests.Queries;

/// <summary>Trades of two venues, each watermarked and filtered on its own, unioned, then counted per broker in 1-minute windows; Update.</summary>
[StreamingQuery(OutputMode.Update)]
public static partial class UnionWindowCount
{
    private static IStream<WindowCount> Define(IStream<Trade> primary, IStream<Trade> secondary) => primary
        .WithWatermark(t => t.Time, TimeSpan.FromSeconds(10))
        .Where(t => t.Amount > 0)
        .Union(secondary.WithWatermark(t => t.Time, TimeSpan.FromSeconds(30)).Where(t => t.Side == Side.Buy))
        .Where(t => t.Broker.Length > 0)
        .GroupBy(t => (Window.Tumbling(t.Time, TimeSpan.FromMinutes(1)), t.Broker))
        .Select(g => new WindowCount(g.Key.Item1.Start, g.Key.Item1.End, g.Key.Broker, g.LongCount(), g.Sum(t => t.Amount)));
}
