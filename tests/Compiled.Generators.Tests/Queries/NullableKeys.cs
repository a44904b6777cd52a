namespace Compiled.Generators.Tests.Queries;

/// <summary>Null keys: a nullable string and a nullable record (with a presence byte in state).</summary>
[StreamingQuery(OutputMode.Update)]
public static partial class NullableKeys
{
    private static IStream<(string? Broker, BrokerType? Pair, int Count, long Sum)> Define(IStream<Trade> trades) => trades
        .GroupBy(t => (Broker: t.Broker.Length == 0 ? null : t.Broker, Pair: t.Amount > 500 ? null : new BrokerType(t.Broker, t.Type)))
        .Select(g => (g.Key.Broker, g.Key.Pair, g.Count(), g.Sum(t => (long)t.Amount)));
}
