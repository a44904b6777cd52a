using Compiled.Benchmarks.Data;

namespace Compiled.Benchmarks.Queries;

/// <summary>W2 as a Compiled query: tumbling windows of 1000 time units (event time in ms), count per key, Append.</summary>
[StreamingQuery(OutputMode.Append)]
internal static partial class W2WindowCountQuery
{
    private static IStream<WindowKeyCount> Define(IStream<Ev> events) => events
        .WithWatermark(e => e.Time, TimeSpan.Zero)
        .GroupBy(e => (Window.Tumbling(e.Time, TimeSpan.FromMilliseconds(1000)), e.Key))
        .Select(g => new WindowKeyCount(g.Key.Item1.StartMs, g.Key.Key, g.LongCount(), 0));
}
