namespace Compiled.Generators.Tests.Queries;

/// <summary>Several aggregates over expressions, including Min/Max/Average and string Min.</summary>
[StreamingQuery(OutputMode.Complete)]
public static partial class BrokerStatistics
{
    private const int LargeAmount = 500;

    private static IStream<BrokerStats> Define(IStream<Trade> trades) => trades
        .GroupBy(t => t.Broker)
        .Select(g => new BrokerStats(
            g.Key,
            g.Sum(t => t.Type == "BUY" ? t.Amount : 0),
            g.Sum(t => t.Type == "SELL" ? t.Amount : 0),
            g.Min(t => t.Price),
            g.Max(t => t.Price),
            g.Min(t => t.Type),
            g.Average(t => t.Amount),
            g.Average(t => t.Price),
            g.Average(t => t.Fee),
            g.Sum(t => t.Fee),
            g.LongCount(t => t.Amount > LargeAmount),
            g.Count()));
}
