namespace Compiled.Generators.Tests.Queries;

/// <summary>Sessions per sensor with a per-row gap; Complete.</summary>
// Warns: CQ1004 (Complete mode keeps every session although a watermark is declared)
[StreamingQuery(OutputMode.Complete)]
public static partial class WindowSessionGap
{
    private static IStream<WindowCount> Define(IStream<Reading> readings) => readings
        .WithWatermark(r => r.At, TimeSpan.FromMinutes(1))
        .GroupBy(r => (r.Sensor, Window.Session(r.At, r.Gap)))
        .Select(g => new WindowCount(g.Key.Item2.Start, g.Key.Item2.End, g.Key.Sensor, g.LongCount(), g.Sum(r => r.Value)));
}
