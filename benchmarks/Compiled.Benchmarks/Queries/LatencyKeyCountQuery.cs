using Compiled.Benchmarks.Latency;

namespace Compiled.Benchmarks.Queries;

/// <summary>W2a's keyed count over JSON files, for the latency run: Update mode, durable state.</summary>
[StreamingQuery(OutputMode.Update)]
internal static partial class LatencyKeyCountQuery
{
    private static IStream<KeyCount> Define(IStream<LatencyEvent> events) => events
        .GroupBy(e => e.Key)
        .Select(g => new KeyCount(g.Key, g.LongCount()));
}
