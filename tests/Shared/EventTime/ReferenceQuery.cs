namespace Compiled.Testing.EventTime;

/// <summary>
/// A windowed aggregation as the reference interpreter reads it: Spark's event-time rules over one input, stated as
/// plainly as possible. <c>Result</c> sees every counted row of a window, so any aggregate can be checked.
/// </summary>
/// <typeparam name="TRow">The input row.</typeparam>
/// <typeparam name="TKey">The other key parts (a unit value when the window is the whole key).</typeparam>
/// <typeparam name="TOut">The output row.</typeparam>
public sealed record ReferenceQuery<TRow, TKey, TOut>
{
    /// <summary>The row's event time in Unix ms; null for processing-time windows (the batch's trigger time).</summary>
    public required Func<TRow, long>? EventTimeMs { get; init; }

    /// <summary>
    /// True when a row's event time is at or before a watermark (ms), so late; null compares <see cref="EventTimeMs"/>.
    /// A time finer than a millisecond needs its own: a window's <c>WindowTime</c>, its end minus one tick.
    /// </summary>
    public Func<TRow, long, bool>? AtOrBefore { get; init; }

    /// <summary>The <c>WithWatermark</c> delay in ms.</summary>
    public long DelayMs { get; init; }

    /// <summary>The window function.</summary>
    public required ReferenceWindow Window { get; init; }

    /// <summary>The other key parts of a row.</summary>
    public required Func<TRow, TKey> Key { get; init; }

    /// <summary>The output row of a window (start and end in Unix ms), its other key parts and its rows in arrival order.</summary>
    public required Func<long, long, TKey, IReadOnlyList<TRow>, TOut> Result { get; init; }

    /// <summary>The output mode.</summary>
    public required OutputMode Mode { get; init; }

    /// <summary>Whether batches without new data run when the watermark passes a window end (<c>QueryOptions.NoDataBatches</c>).</summary>
    public bool NoDataBatches { get; init; } = true;
}
