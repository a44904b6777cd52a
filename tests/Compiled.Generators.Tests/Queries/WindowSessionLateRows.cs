namespace Compiled.Generators.Tests.Queries;

/// <summary>Sessions with a constant gap; late rows go to a late-row sink instead of being dropped; Append.</summary>
[StreamingQuery(OutputMode.Append)]
public static partial class WindowSessionLateRows
{
    private static IStream<WindowCount> Define(IStream<Reading> readings) => readings
        .WithWatermark(r => r.At, TimeSpan.FromMinutes(1), LateRows.ToSink)
        .GroupBy(r => (Window.Session(r.At, TimeSpan.FromMinutes(5)), r.Sensor))
        .Select(g => new WindowCount(g.Key.Item1.Start, g.Key.Item1.End, g.Key.Sensor, g.LongCount(), g.Sum(r => r.Value)));
}
