namespace Compiled.EndToEnd.Tests.Queries;

/// <summary>Keyed-state functions shared by the queries and the tests' reference runs.</summary>
public static class KeyedFunctions
{
    /// <summary>The gap after a session's last reading at which the watermark closes it.</summary>
    public static readonly TimeSpan SessionGap = TimeSpan.FromSeconds(10);

    /// <summary>Extends the sensor's session with its readings (timeout: last reading plus the gap), or writes and forgets it once timed out.</summary>
    public static IEnumerable<SensorWindow> Session(string sensor, IEnumerable<Reading> rows, GroupState<SensorWindow> state)
    {
        if (state.HasTimedOut)
        {
            var closed = state.Get();
            state.Remove();
            return [closed];
        }
        var session = state.GetOrDefault(new SensorWindow(DateTime.MaxValue, DateTime.MinValue, sensor, 0, 0));
        foreach (var r in rows)
        {
            session = session with
            {
                Start = r.Time < session.Start ? r.Time : session.Start,
                End = r.Time > session.End ? r.Time : session.End,
                Count = session.Count + 1,
                Sum = session.Sum + r.Value,
            };
        }
        state.Update(session);
        state.SetTimeoutTimestamp(session.End + SessionGap);
        return [];
    }

    /// <summary>UpdateStateByKey's function: adds the readings' magnitudes to the score, or quarters it in a batch without any; null (forget the sensor) at zero.</summary>
    public static long? Decay(IReadOnlyList<Reading> values, long? running)
    {
        if (values.Count == 0) return running / 4 is > 0 and var quarter ? quarter : null;
        long score = running ?? 0;
        foreach (var r in values) score += Math.Abs(r.Value) + 1;
        return score;
    }

    /// <summary>A running count and sum per sensor; the unknown sensor (null key) is written as "?".</summary>
    public static SensorCount Total(string? sensor, IEnumerable<Reading> rows, GroupState<SensorCount> state)
    {
        var total = state.GetOrDefault(new SensorCount(sensor ?? "?", 0, 0));
        foreach (var r in rows) total = total with { Count = total.Count + 1, Sum = total.Sum + r.Value };
        state.Update(total);
        return total;
    }
}
