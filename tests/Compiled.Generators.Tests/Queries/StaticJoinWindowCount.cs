namespace Compiled.Generators.Tests.Queries;

/// <summary>W4's shape: filter, stream-static join, 10 s tumbling count per desk under a 1 s watermark.</summary>
[StreamingQuery(OutputMode.Append)]
public static partial class StaticJoinWindowCount
{
    private static IStream<WordCount> Define(IStream<Trade> trades, StaticTable<BrokerDesk> desks) => trades
        .WithWatermark(t => t.Time, TimeSpan.FromSeconds(1))
        .Where(t => t.Side == Side.Buy)
        .Join(desks, t => t.Broker, d => d.Broker, (t, d) => (d.Desk, t.Time))
        .GroupBy(v => (Window.Tumbling(v.Time, TimeSpan.FromSeconds(10)), v.Desk))
        .Select(g => new WordCount(g.Key.Desk, g.LongCount()));
}
