namespace Compiled.Generators.Tests.Queries;

/// <summary>Semi and anti joins with static tables: trades of known brokers that are not blocked.</summary>
[StreamingQuery(OutputMode.Append)]
public static partial class StaticSemiJoin
{
    private static IStream<Trade> Define(IStream<Trade> trades, StaticTable<BrokerDesk> desks, StaticTable<string> blocked) => trades
        .SemiJoin(desks, t => t.Broker, d => d.Broker)
        .AntiJoin(blocked, t => t.Type, b => b);
}
