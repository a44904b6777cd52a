namespace Compiled.Tests.EventTime;

/// <summary>An input row of the differential tests: event time (Unix ms), key, value and a per-row session gap.</summary>
public sealed record Event(long TimeMs, string Key, int Value, long GapMs);

/// <summary>One window's result: its extent, key and aggregates over its rows.</summary>
public sealed record WindowTotal(long StartMs, long EndMs, string Key, long Sum, long Count, int Max);
