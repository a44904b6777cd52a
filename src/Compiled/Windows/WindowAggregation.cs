using System.Runtime.CompilerServices;
using Compiled.Aggregation;
using Compiled.Plans;
using Compiled.State;

namespace Compiled.Windows;

/// <summary>
/// What every windowed aggregation shares: its state store (one entry per window, pane or session and other key
/// parts), the output mode, and an index of the entries by window end so that closing windows costs O(windows closed)
/// rather than a scan of the state.
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
    /// <summary>Creates the aggregation over the state store of <paramref name="operatorId"/>.</summary>
    /// <param name="context">The plan's context, inside <see cref="IQueryPlan{TOut}.Open"/>.</param>
    /// <param name="operatorId">The operator's id in <see cref="QueryPlanInfo.StateOperators"/>.</param>
    /// <param name="mode">The query's output mode.</param>
    /// <param name="keySerializer">Serializer of the other key parts when they hold references; null for the built-in one.</param>
    /// <param name="accumulatorSerializer">Serializer of the accumulator when it holds references; null when it is unmanaged.</param>
    /// <param name="processingTime">True for processing-time windows, which the batch time closes instead of the watermark.</param>
    private protected WindowAggregation(
        PlanContext context,
        string operatorId,
        OutputMode mode,
        IStateSerializer<TKey>? keySerializer,
        IStateSerializer<TAcc>? accumulatorSerializer,
        bool processingTime)
    {
        ArgumentNullException.ThrowIfNull(context);
        Mode = mode;
        ClosedThroughMs = processingTime ? context.CommittedBatchTimestampMs : context.CommittedWatermarkMs;
        IStateSerializer<WindowKey<TKey>>? windowKeySerializer = RuntimeHelpers.IsReferenceOrContainsReferences<TKey>()
            ? new WindowKeySerializer<TKey>(keySerializer)
            : null;
        Store = context.GetStateStore(operatorId, windowKeySerializer, accumulatorSerializer);
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

    /// <summary>The operator's state: one entry per window (pane, session) and other key parts.</summary>
    private protected IStateStore<WindowKey<TKey>, TAcc> Store { get; }

    /// <summary>
    /// Entries by the end of the window they close with, the next to close first: one per window for tumbling and
    /// sliding windows (<see cref="WholeWindow"/>), one per session for session windows.
    /// </summary>
    private protected PriorityQueue<WindowKey<TKey>, long> Ends { get; } = new();

    /// <summary>Rebuilds the in-memory indexes from the recovered store; called once by the derived constructor.</summary>
    private protected void RestoreIndexes()
    {
        var visitor = new RestoreVisitor(this);
        Store.ForEach(ref visitor);
        RestoreCompleted();
    }

    /// <summary>Indexes one entry of the recovered store.</summary>
    private protected abstract void Restore(in WindowKey<TKey> key);

    /// <summary>Called after every entry was restored.</summary>
    private protected virtual void RestoreCompleted()
    {
    }

    /// <summary>Emits every entry of the store as it is (Complete mode of tumbling and session windows).</summary>
    private protected void EmitAll<TEmitter>(ref TEmitter emitter)
        where TEmitter : struct, IWindowEmitter<TKey, TAcc>
    {
        var visitor = new EmitVisitor<TEmitter>(emitter);
        Store.ForEach(ref visitor);
    }

    /// <summary>
    /// Folds this batch's <paramref name="batch"/> accumulator with the stored one, if any, and stores the sum: one
    /// store lookup (<see cref="IStateStore{TKey, TValue}.GetOrAdd"/>).
    /// </summary>
    /// <returns>True when the entry is new to the state.</returns>
    private protected bool MergeIntoStore(in WindowKey<TKey> key, ref TAcc batch)
    {
        ref TAcc stored = ref Store.GetOrAdd(in key, out bool existed);
        if (existed) TAcc.Merge(ref batch, in stored);
        stored = batch;
        return !existed;
    }

    /// <summary>The entry of the end index standing for a whole window (all its keys): the other key parts are unused.</summary>
    private protected static WindowKey<TKey> WholeWindow(long startMs, long endMs) => new(startMs, endMs, default!);

    private readonly struct RestoreVisitor(WindowAggregation<TKey, TAcc, TKeyOps> owner) : IStateVisitor<WindowKey<TKey>, TAcc>
    {
        public void Visit(in WindowKey<TKey> key, in TAcc value) => owner.Restore(in key);
    }

    private struct EmitVisitor<TEmitter>(TEmitter emitter) : IStateVisitor<WindowKey<TKey>, TAcc>
        where TEmitter : struct, IWindowEmitter<TKey, TAcc>
    {
        private TEmitter _emitter = emitter;

        public void Visit(in WindowKey<TKey> key, in TAcc value) => _emitter.Emit(in key, in value);
    }
}
