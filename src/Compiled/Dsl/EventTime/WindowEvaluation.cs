namespace Compiled;

/// <summary>
/// How <see cref="LogicalPlan"/>'s reference evaluation gives the window functions that depend on more than one row
/// (sliding, session) and on the batch (processing time) their values.
/// </summary>
internal static class WindowEvaluation
{
    /// <summary>The trigger time of the batch being evaluated.</summary>
    internal static DateTime CurrentProcessingTime =>
        throw new NotSupportedException("Window.ProcessingTime has a value only inside a running query.");

    internal static TimeWindow Sliding(long timeMs, long sizeMs, long slideMs, long offsetMs) =>
        throw new NotSupportedException("A sliding window is expanded by the aggregation that groups by it.");

    internal static TimeWindow Session(long timeMs, long gapMs) =>
        throw new NotSupportedException("A session window is computed by the aggregation that groups by it.");
}
