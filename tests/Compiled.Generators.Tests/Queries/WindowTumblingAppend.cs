namespace Compiled.Generators.Tests.Queries;

/// <summary>Tumbling windows with an offset on a DateTime, the window as the whole key; Append.</summary>
[StreamingQuery(OutputMode.Append)]
public static partial class WindowTumblingAppend
{
    private static IStream<WindowCount> Define(IStream<Reading> readings) => readings
        .WithWatermark(r => r.At, TimeSpan.FromMinutes(30))
        .GroupBy(r => Window.Tumbling(r.At, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(5)))
        .Select(g => new WindowCount(g.Key.Start, g.Key.End, "all", g.LongCount(), g.Sum(r => r.Value)));
}
