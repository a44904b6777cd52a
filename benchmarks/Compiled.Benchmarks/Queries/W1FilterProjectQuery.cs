using Compiled.Benchmarks.Data;

namespace Compiled.Benchmarks.Queries;

/// <summary>W1 as a Compiled query: stateless, each batch appends the projected survivors.</summary>
[StreamingQuery(OutputMode.Append)]
internal static partial class W1FilterProjectQuery
{
    private static IStream<long> Define(IStream<Ev> events) => events
        .Where(e => e.Value < WorkloadSizes.W1ValueLimit)
        .Select(e => e.Key * 2L);
}
