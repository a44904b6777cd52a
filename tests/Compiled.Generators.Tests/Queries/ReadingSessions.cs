namespace Compiled.Generators.Tests.Queries;

/// <summary>FlatMapGroupsWithState in Append with an event-time timeout: a record state per sensor, closed and written when the watermark passes its timeout.</summary>
[StreamingQuery(OutputMode.Append)]
public static partial class ReadingSessions
{
    private static IStream<WindowCount> Define(IStream<Reading> readings) => readings
        .WithWatermark(r => r.At, TimeSpan.FromMinutes(5))
        .GroupBy(r => r.Sensor)
        .FlatMapGroupsWithState<WindowCount, WindowCount>(OutputMode.Append, GroupStateTimeout.EventTimeTimeout, Sessions.Step);
}

/// <summary>The session function of <see cref="ReadingSessions"/>, as a static method.</summary>
public static class Sessions
{
    /// <summary>Extends the sensor's open session with its rows, or writes it once it timed out.</summary>
    public static IEnumerable<WindowCount> Step(string sensor, IEnumerable<Reading> rows, GroupState<WindowCount> state)
    {
        if (state.HasTimedOut)
        {
            var closed = state.Get();
            state.Remove();
            return [closed];
        }
        var session = state.GetOrDefault(new WindowCount(DateTime.MaxValue, DateTime.MinValue, sensor, 0, 0));
        foreach (var r in rows)
        {
            session = session with
            {
                Start = r.At < session.Start ? r.At : session.Start,
                End = r.At > session.End ? r.At : session.End,
                Count = session.Count + 1,
                Sum = session.Sum + r.Value,
            };
        }
        state.Update(session);
        state.SetTimeoutTimestamp(session.End.AddMinutes(10));
        return [];
    }
}
