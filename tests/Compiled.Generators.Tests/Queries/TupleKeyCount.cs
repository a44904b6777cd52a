namespace Compiled.Generators.Tests.Queries;

/// <summary>Count per composite tuple key.</summary>
[StreamingQuery(OutputMode.Update)]
public static partial class TupleKeyCount
{
    private static IStream<BrokerTypeCount> Define(IStream<Trade> trades) => trades
        .GroupBy(t => (t.Broker, t.Type))
        .Select(g => new BrokerTypeCount(g.Key.Broker, g.Key.Type, g.Count()));
}
