namespace Compiled.EndToEnd.Tests.Queries;

/// <summary>Tumbling 10 s windows (offset 3 s) over all sensors, Append: each window once, when the watermark passed its end.</summary>
[StreamingQuery(OutputMode.Append)]
public static partial class TumblingTotalAppend
{
    private static IStream<WindowTotal> Define(IStream<Reading> readings) => readings
        .WithWatermark(r => r.Time, TimeSpan.FromSeconds(5))
        .GroupBy(r => Window.Tumbling(r.Time, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(3)))
        .Select(g => new WindowTotal(g.Key.Start, g.Key.End, g.LongCount(), g.Sum(r => r.Value), g.Max(r => r.Value)));
}
