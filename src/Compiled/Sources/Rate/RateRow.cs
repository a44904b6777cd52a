namespace Compiled.Sources;

/// <summary>A row of the rate sources (Spark's <c>timestamp</c> and <c>value</c> columns).</summary>
/// <param name="Timestamp">When the row is due (UTC), derived from the source's start time and the row's position, never from the time it was read: a replayed batch yields identical rows.</param>
/// <param name="Value">0, 1, 2, … in order.</param>
public readonly record struct RateRow(DateTime Timestamp, long Value);
