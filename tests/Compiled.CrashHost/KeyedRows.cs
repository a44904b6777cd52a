namespace Compiled.CrashHost;

/// <summary>An input row of the keyed queries: a JSON line of a file under <c>ticks/</c>.</summary>
/// <param name="Id">Unique over the input; the join key.</param>
/// <param name="Key">The deduplication and keyed-state key.</param>
/// <param name="Value">Part of the deduplication key; summed by the sessions.</param>
/// <param name="Time">Event time, watermarked by <see cref="TickSessions"/>.</param>
public sealed record Tick(long Id, string Key, int Value, DateTime Time);

/// <summary>The other side of <see cref="AckedTicks"/>: a JSON line of a file under <c>acks/</c>, acknowledging tick <paramref name="Id"/>.</summary>
public sealed record Ack(long Id, DateTime At);

/// <summary>A tick with its acknowledgement.</summary>
public sealed record AckedTick(long Id, string Key, int Value, DateTime At);

/// <summary>A closed session of one key: its first and last tick, how many and their sum.</summary>
public sealed record TickSession(string Key, DateTime Start, DateTime End, int Count, long Sum);

/// <summary>A tick or an acknowledgement, as <see cref="BeatsPerMinute"/> unions them.</summary>
public sealed record Beat(string Kind, DateTime Time, int Value);

/// <summary>One minute's rows of one kind: how many and the sum of their values.</summary>
public sealed record MinuteTotal(DateTime Start, string Kind, long Count, long Sum);

/// <summary>One key's ticks in one window, as the first aggregation of <see cref="ChainedTickTotals"/> writes them.</summary>
public sealed record KeyWindowTotal(TimeWindow Window, string Key, long Count, long Sum);
