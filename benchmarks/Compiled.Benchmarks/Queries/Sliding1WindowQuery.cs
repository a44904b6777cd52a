using Compiled.Benchmarks.Data;

namespace Compiled.Benchmarks.Queries;

/// <summary>Sliding windows of 10 s every 10 s (size/slide 1), count per key, Append.</summary>
[StreamingQuery(OutputMode.Append)]
internal static partial class Sliding1WindowQuery
{
    private static IStream<WindowKeyCount> Define(IStream<Ev> events) => events
        .WithWatermark(e => e.Time, TimeSpan.Zero)
        .GroupBy(e => (Window.Sliding(e.Time, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10)), e.Key))
        .Select(g => new WindowKeyCount(g.Key.Item1.StartMs, g.Key.Key, g.LongCount(), 0));
}
