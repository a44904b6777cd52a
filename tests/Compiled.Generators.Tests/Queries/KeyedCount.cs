namespace Compiled.Generators.Tests.Queries;

/// <summary>W2a: count per integer key, emitting only changed keys.</summary>
[StreamingQuery(OutputMode.Update)]
public static partial class KeyedCount
{
    private static IStream<KeyCount> Define(IStream<Ev> events) => events
        .GroupBy(e => e.Key)
        .Select(g => new KeyCount(g.Key, g.LongCount()));
}
