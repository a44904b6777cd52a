using Compiled.Benchmarks.Data;

namespace Compiled.Benchmarks.Queries;

/// <summary>W2a as a Compiled query in Complete mode: each batch emits every key's count.</summary>
[StreamingQuery(OutputMode.Complete)]
internal static partial class W2aKeyedCountCompleteQuery
{
    private static IStream<KeyCount> Define(IStream<Ev> events) => events
        .GroupBy(e => e.Key)
        .Select(g => new KeyCount(g.Key, g.LongCount()));
}
