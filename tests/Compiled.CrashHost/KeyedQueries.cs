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

/// <summary>
/// Acknowledged ticks counted per minute of acknowledgement: a stream-stream join (acks within 5 s after their tick,
/// 3-minute watermarks) feeding an event-time window aggregation closed by the join's output watermark; Append.
/// </summary>
[StreamingQuery(OutputMode.Append)]
public static partial class AckedPerMinute
{
    private static IStream<MinuteTotal> Define(IStream<Tick> ticks, IStream<Ack> acks) => ticks
        .WithWatermark(t => t.Time, TimeSpan.FromMinutes(3))
        .Join(acks.WithWatermark(a => a.At, TimeSpan.FromMinutes(3)), t => t.Id, a => a.Id, (t, a) => new AckedTick(t.Id, t.Key, t.Value, a.At),
            condition: (t, a) => a.At >= t.Time && a.At <= t.Time + TimeSpan.FromSeconds(5))
        .GroupBy(r => Window.Tumbling(r.At, TimeSpan.FromMinutes(1)))
        .Select(g => new MinuteTotal(g.Key.Start, "acked", g.LongCount(), g.Sum(r => (long)r.Value)));
}

/// <summary>Ticks and acknowledgements unioned (each input watermarked 3 minutes), counted per minute and kind; Append.</summary>
[StreamingQuery(OutputMode.Append)]
public static partial class BeatsPerMinute
{
    private static IStream<MinuteTotal> Define(IStream<Tick> ticks, IStream<Ack> acks) => ticks
        .WithWatermark(t => t.Time, TimeSpan.FromMinutes(3))
        .Select(t => new Beat("tick", t.Time, t.Value))
        .Union(acks.WithWatermark(a => a.At, TimeSpan.FromMinutes(3)).Select(a => new Beat("ack", a.At, 1)))
        .GroupBy(b => (Window.Tumbling(b.Time, TimeSpan.FromMinutes(1)), b.Kind))
        .Select(g => new MinuteTotal(g.Key.Item1.Start, g.Key.Kind, g.LongCount(), g.Sum(b => (long)b.Value)));
}

/// <summary>
/// Chained window aggregations: ticks counted per key in 20 s windows, then those windows totalled per 2 minutes over
/// each one's <see cref="TimeWindow.WindowTime"/> (a 30 s watermark closes both); Append.
/// </summary>
[StreamingQuery(OutputMode.Append)]
public static partial class ChainedTickTotals
{
    private static IStream<MinuteTotal> Define(IStream<Tick> ticks) => ticks
        .WithWatermark(t => t.Time, TimeSpan.FromSeconds(30))
        .GroupBy(t => (Window.Tumbling(t.Time, TimeSpan.FromSeconds(20)), t.Key))
        .Select(g => new KeyWindowTotal(g.Key.Item1, g.Key.Item2, g.LongCount(), g.Sum(t => (long)t.Value)))
        .GroupBy(w => Window.Tumbling(w.Window.WindowTime, TimeSpan.FromMinutes(2)))
        .Select(g => new MinuteTotal(g.Key.Start, "chained", g.Sum(w => w.Count), g.Sum(w => w.Sum)));
}
