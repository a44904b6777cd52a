namespace Compiled.Generators.Tests.Queries;

/// <summary>Aggregation after a SelectMany, with an enum key part and string Max.</summary>
[StreamingQuery(OutputMode.Update)]
public static partial class SidePerBroker
{
    private static IStream<(string Broker, Side Side, long Amount, string MaxType)> Define(IStream<Trade> trades) => trades
        .GroupBy(t => (t.Broker, t.Side))
        .Select(g => (g.Key.Broker, g.Key.Side, g.Sum(t => (long)t.Amount), g.Max(t => t.Type)));
}
