namespace Compiled.EndToEnd.Tests.Queries;

/// <summary>
/// FlatMapGroupsWithState with an event-time timeout, Append: a session per sensor grows with its readings and is written
/// once, when the watermark passes its last reading plus 10 s.
/// </summary>
[StreamingQuery(OutputMode.Append)]
public static partial class SensorSessions
{
    private static IStream<SensorWindow> Define(IStream<Reading> readings) => readings
        .WithWatermark(r => r.Time, TimeSpan.FromSeconds(5))
        .GroupBy(r => r.Sensor)
        .FlatMapGroupsWithState<SensorWindow, SensorWindow>(OutputMode.Append, GroupStateTimeout.EventTimeTimeout, KeyedFunctions.Session);
}
