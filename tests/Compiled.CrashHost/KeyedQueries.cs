namespace Compiled.CrashHost;

/// <summary>Stream-stream inner join of ticks with their acknowledgements on the id; both sides kept in state (no watermark).</summary>
[StreamingQuery(OutputMode.Append)]
public static partial class AckedTicks
{
    private static IStream<AckedTick> Define(IStream<Tick> ticks, IStream<Ack> acks) => ticks
        .Join(acks, t => t.Id, a => a.Id, (t, a) => new AckedTick(t.Id, t.Key, t.Value, a.At));
}

/// <summary>The first tick of each (key, value mod 10): a deduplication whose keys are kept forever.</summary>
[StreamingQuery(OutputMode.Append)]
public static partial class FirstTicks
{
    private static IStream<Tick> Define(IStream<Tick> ticks) => ticks.DropDuplicates(t => (t.Key, t.Value % 10));
}

/// <summary>Sessions per key closed by an event-time timeout: FlatMapGroupsWithState in Append mode.</summary>
[StreamingQuery(OutputMode.Append)]
public static partial class TickSessions
{
    /// <summary>A key's session closes when the watermark passes its last tick plus this gap.</summary>
    public static readonly TimeSpan Gap = TimeSpan.FromSeconds(5);

    private static IStream<TickSession> Define(IStream<Tick> ticks) => ticks
        .WithWatermark(t => t.Time, TimeSpan.FromSeconds(2))
        .GroupBy(t => t.Key)
        .FlatMapGroupsWithState<TickSession, TickSession>(OutputMode.Append, GroupStateTimeout.EventTimeTimeout, Extend);

    /// <summary>Extends the key's session with its ticks (timeout: last tick plus the gap), or writes and forgets it once timed out.</summary>
    public static IEnumerable<TickSession> Extend(string key, IEnumerable<Tick> rows, GroupState<TickSession> state)
    {
        if (state.HasTimedOut)
        {
            var closed = state.Get();
            state.Remove();
            return [closed];
        }
        var session = state.GetOrDefault(new TickSession(key, DateTime.MaxValue, DateTime.MinValue, 0, 0));
        foreach (var t in rows)
        {
            session = session with
            {
                Start = t.Time < session.Start ? t.Time : session.Start,
                End = t.Time > session.End ? t.Time : session.End,
                Count = session.Count + 1,
                Sum = session.Sum + t.Value,
            };
        }
        state.Update(session);
        state.SetTimeoutTimestamp(session.End + Gap);
        return [];
    }
}
