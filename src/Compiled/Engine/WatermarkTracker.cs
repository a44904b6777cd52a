namespace Compiled.Engine;

/// <summary>
/// Folds the largest event time each batch reports into the query's watermark, which only moves forward
/// and is persisted in <c>offsets/N</c> (in force for batch N) and <c>commits/N</c> (for the next batch).
/// </summary>
/// <remarks>
/// The hook for event-time queries: the delay is zero until windows declare one, and one watermark
/// covers all inputs until per-input watermarks (minimum across inputs) arrive with joins.
/// </remarks>
internal sealed class WatermarkTracker
{
    private readonly long _delayMs;

    internal WatermarkTracker(long initialWatermarkMs, TimeSpan delay)
    {
        CurrentMs = initialWatermarkMs;
        _delayMs = (long)delay.TotalMilliseconds;
    }

    /// <summary>The watermark for the next batch (Unix ms); <see cref="long.MinValue"/> when none.</summary>
    internal long CurrentMs { get; private set; }

    /// <summary>Takes a finished batch's largest event time into account; returns the new watermark.</summary>
    /// <param name="maxEventTimeMs">From <see cref="Plans.BatchContext.MaxEventTimeMs"/>; <see cref="long.MinValue"/> when the batch saw none.</param>
    internal long Advance(long maxEventTimeMs)
    {
        if (maxEventTimeMs == long.MinValue) return CurrentMs;
        long candidate = maxEventTimeMs - _delayMs;
        if (candidate > CurrentMs) CurrentMs = candidate;
        return CurrentMs;
    }
}
