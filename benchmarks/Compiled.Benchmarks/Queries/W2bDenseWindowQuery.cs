using Compiled.Benchmarks.Data;

namespace Compiled.Benchmarks.Queries;

/// <summary>W2b as a Compiled query: tumbling 10 s windows, count and sum per key, Append.</summary>
[StreamingQuery(OutputMode.Append)]
internal static partial class W2bDenseWindowQuery
{
    private static IStream<WindowKeyCount> Define(IStream<Ev> events) => events
        .WithWatermark(e => e.Time, TimeSpan.Zero)
        .GroupBy(e => (Window.Tumbling(e.Time, TimeSpan.FromSeconds(10)), e.Key))
        .Select(g => new WindowKeyCount(g.Key.Item1.StartMs, g.Key.Key, g.LongCount(), g.Sum(e => e.Value)));
}
