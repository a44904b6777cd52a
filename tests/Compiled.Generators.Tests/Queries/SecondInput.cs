namespace Compiled.Generators.Tests.Queries;

/// <summary>Two inputs; the chain starts at the second, so the plan must read input slot 1.</summary>
[StreamingQuery(OutputMode.Append)]
public static partial class SecondInput
{
    private static IStream<string> Define(IStream<Ev> events, IStream<Trade> trades) => trades
        .Where(t => t.Side == Side.Sell)
        .Select(t => t.Broker);
}
