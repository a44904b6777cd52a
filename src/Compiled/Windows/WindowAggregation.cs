using Compiled.Aggregation;
using Compiled.Plans;

namespace Compiled.Windows;

/// <summary>
/// What every windowed aggregation shares: the output mode, where the recovered state was closed through, and an index
/// of open windows (or sessions) by end, so that closing windows costs O(windows closed) rather than a scan of the state.
/// </summary>
/// <remarks>
/// The index lives in memory and is rebuilt from the store when the plan opens (state is recovered to the last committed
/// batch first), so it always describes exactly the recovered state. Everything runs on the batch thread.
/// </remarks>
/// <typeparam name="TKey">The other key parts (<see cref="NoKey"/> when the window is the whole key).</typeparam>
/// <typeparam name="TAcc">The generated accumulator.</typeparam>
/// <typeparam name="TKeyOps">Hashing and equality of <typeparamref name="TKey"/>.</typeparam>
public abstract class WindowAggregation<TKey, TAcc, TKeyOps>
    where TAcc : struct, IWindowAccumulator<TAcc>
    where TKeyOps : struct, IBatchKeyOps<TKey>
{
    /// <summary>Records the mode and where the recovered state was closed through.</summary>
    /// <param name="context">The plan's context, inside <see cref="IQueryPlan{TOut}.Open"/>.</param>
    /// <param name="mode">The query's output mode.</param>
    /// <param name="processingTime">True for processing-time windows, which the batch time closes instead of the watermark.</param>
    private protected WindowAggregation(PlanContext context, OutputMode mode, bool processingTime)
    {
        ArgumentNullException.ThrowIfNull(context);
        Mode = mode;
        ClosedThroughMs = processingTime ? context.CommittedBatchTimestampMs : context.CommittedWatermarkMs;
    }

    /// <summary>The query's output mode.</summary>
    public OutputMode Mode { get; }

    /// <summary>
    /// The smallest window end still in state that a watermark would close (emit in Append, evict in Append and Update);
    /// <see cref="long.MaxValue"/> when none or in Complete mode. A batch without new data is worth running once the
    /// watermark reaches it; the plan reports it as its <see cref="IQueryPlan{TOut}.EventTimeDeadlineMs"/>.
    /// </summary>
    public long NextWindowEndMs => Mode != OutputMode.Complete && Ends.TryPeek(out _, out long end) ? end : long.MaxValue;

    /// <summary>Every window ending at or before this was closed before the recovered state was written.</summary>
    private protected long ClosedThroughMs { get; }

    /// <summary>
    /// Open windows by the end they close at, the next to close first: one entry per window for tumbling and sliding
    /// windows (<see cref="WholeWindow"/>), one per session for session windows.
    /// </summary>
    private protected PriorityQueue<WindowKey<TKey>, long> Ends { get; } = new();

    /// <summary>The end-index entry standing for a whole window (all its keys): the other key parts are unused.</summary>
    private protected static WindowKey<TKey> WholeWindow(long startMs, long endMs) => new(startMs, endMs, default!);
}
