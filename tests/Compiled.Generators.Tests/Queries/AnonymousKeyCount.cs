namespace Compiled.Generators.Tests.Queries;

/// <summary>Count per anonymous-type key (rewritten to a value tuple), with a string result.</summary>
[StreamingQuery(OutputMode.Update)]
public static partial class AnonymousKeyCount
{
    private static IStream<string> Define(IStream<Trade> trades) => trades
        .GroupBy(t => new { t.Broker, t.Side })
        .Select(g => g.Key.Broker + "/" + g.Key.Side + "=" + g.Count());
}
