namespace Compiled.Generators.Tests.Queries;

/// <summary>A one-member anonymous key (a ValueTuple&lt;string&gt; in generated code).</summary>
[StreamingQuery(OutputMode.Update)]
public static partial class BrokerTotals
{
    private static IStream<KeyValuePair<string, long>> Define(IStream<Trade> trades) => trades
        .Where(t => t.Type != "HOLD")
        .GroupBy(t => new { t.Broker })
        .Select(g => new KeyValuePair<string, long>(g.Key.Broker, g.Sum(t => (long)t.Amount)));
}
