namespace Compiled.Generators.Tests.Queries;

/// <summary>Stream-static left outer join: every sell trade with each of its broker's desks, or once with no desk.</summary>
[StreamingQuery(OutputMode.Append)]
public static partial class StaticJoinBrokers
{
    private static IStream<TradeDesk> Define(IStream<Trade> trades, StaticTable<BrokerDesk> desks) => trades
        .Where(t => t.Side == Side.Sell)
        .Join(desks, t => t.Broker, d => d.Broker, (t, d) => new TradeDesk(t.Broker, t.Amount, d == null ? null : d.Desk), JoinType.LeftOuter)
        .Where(r => r.Amount > 10);
}
