namespace Compiled.Generators.Tests.Queries;

/// <summary>Count per composite record key, whole result every batch.</summary>
[StreamingQuery(OutputMode.Complete)]
public static partial class RecordKeyCount
{
    private static IStream<BrokerTypeCount> Define(IStream<Trade> trades) => trades
        .Where(t => t.Amount > 0)
        .GroupBy(t => new BrokerType(t.Broker, t.Type))
        .Select(g => new BrokerTypeCount(g.Key.Broker, g.Key.Type, g.Count()));
}
