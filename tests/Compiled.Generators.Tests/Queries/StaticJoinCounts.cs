namespace Compiled.Generators.Tests.Queries;

/// <summary>Stream-static inner join on a tuple key with the table on the left, then a count per desk (W4's shape).</summary>
[StreamingQuery(OutputMode.Update)]
public static partial class StaticJoinCounts
{
    private static IStream<WordCount> Define(StaticTable<BrokerDesk> desks, IStream<Trade> trades) => desks
        .Join(trades, d => (d.Broker, d.Desk), t => (t.Broker, t.Type), (d, t) => d.Desk, JoinType.Inner)
        .GroupBy(desk => desk)
        .Select(g => new WordCount(g.Key, g.LongCount()));
}
