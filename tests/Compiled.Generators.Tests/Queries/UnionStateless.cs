namespace Compiled.Generators.Tests.Queries;

/// <summary>Brokers of two streams of trades, unioned without state; Append.</summary>
[StreamingQuery(OutputMode.Append)]
public static partial class UnionStateless
{
    private static IStream<string> Define(IStream<Trade> primary, IStream<Trade> secondary) => primary
        .Select(t => t.Broker)
        .Union(secondary.Where(t => t.Amount > 100).Select(t => t.Broker))
        .Select(b => b.ToUpperInvariant());
}
