using Compiled.Benchmarks.Data;

namespace Compiled.Benchmarks.Queries;

/// <summary>W2a as a Compiled query in Update mode: each batch emits the keys whose count changed.</summary>
[StreamingQuery(OutputMode.Update)]
internal static partial class W2aKeyedCountUpdateQuery
{
    private static IStream<KeyCount> Define(IStream<Ev> events) => events
        .GroupBy(e => e.Key)
        .Select(g => new KeyCount(g.Key, g.LongCount()));
}
