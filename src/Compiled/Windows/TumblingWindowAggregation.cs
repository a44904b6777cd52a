using System.Runtime.CompilerServices;
using Compiled.Aggregation;
using Compiled.Plans;
using Compiled.State;

namespace Compiled.Windows;

/// <summary>
/// A tumbling-window aggregation (<c>Window.Tumbling(time, size[, offset])</c>): each row updates the one window holding
/// it. Append emits a window once, when the watermark reaches its end, then evicts it; Update emits the windows a batch
/// changed and evicts closed ones silently; Complete keeps and emits every window.
/// </summary>
/// <remarks>
/// Closing is indexed by window, not by entry: the end index holds each window once and <see cref="KeysByStart{TKey}"/>
/// its keys, so a closing window takes each of its entries out of the store with one lookup
/// (<see cref="IStateStore{TKey, TValue}.TryRemove"/>).
/// </remarks>
/// <typeparam name="TKey">The other key parts (<see cref="NoKey"/> when the window is the whole key).</typeparam>
/// <typeparam name="TAcc">The generated accumulator.</typeparam>
/// <typeparam name="TKeyOps">Hashing and equality of <typeparamref name="TKey"/>.</typeparam>
public sealed class TumblingWindowAggregation<TKey, TAcc, TKeyOps> : WindowAggregation<TKey, TAcc, TKeyOps>
    where TAcc : struct, IWindowAccumulator<TAcc>
    where TKeyOps : struct, IBatchKeyOps<TKey>
{
    private readonly long _sizeMs;
    private readonly long _offsetMs;
    private readonly KeysByStart<TKey> _keys = new();

    /// <summary>Creates the aggregation and indexes its recovered state.</summary>
    /// <param name="context">The plan's context, inside <see cref="IQueryPlan{TOut}.Open"/>.</param>
    /// <param name="operatorId">The operator's id in <see cref="QueryPlanInfo.StateOperators"/>.</param>
    /// <param name="mode">The query's output mode.</param>
    /// <param name="size">Window length.</param>
    /// <param name="offset">Shift of the window starts from the epoch.</param>
    /// <param name="keySerializer">Serializer of the other key parts when they hold references; null for the built-in one.</param>
    /// <param name="accumulatorSerializer">Serializer of the accumulator when it holds references; null when it is unmanaged.</param>
    /// <param name="processingTime">True for processing-time windows (<c>Window.ProcessingTime</c>), closed by the batch time.</param>
    public TumblingWindowAggregation(
        PlanContext context,
        string operatorId,
        OutputMode mode,
        TimeSpan size,
        TimeSpan offset = default,
        IStateSerializer<TKey>? keySerializer = null,
        IStateSerializer<TAcc>? accumulatorSerializer = null,
        bool processingTime = false)
        : base(context, operatorId, mode, keySerializer, accumulatorSerializer, processingTime)
    {
        _sizeMs = WindowMath.PositiveMs(size, nameof(size));
        _offsetMs = (long)offset.TotalMilliseconds;
        RestoreIndexes();
    }

    /// <summary>The window holding a row at <paramref name="timeMs"/> with other key parts <paramref name="key"/>: the batch table key.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public WindowKey<TKey> Assign(long timeMs, in TKey key)
    {
        long start = WindowMath.AlignedStart(timeMs, _sizeMs, _offsetMs);
        return new WindowKey<TKey>(start, start + _sizeMs, key);
    }

    /// <summary>
    /// Merges the batch's windows into state, emits what the output mode says, and closes the windows whose end is at or
    /// before <paramref name="watermarkMs"/> (the batch's watermark; the batch time for processing-time windows).
    /// </summary>
    public void Apply<TEmitter>(BatchTable<WindowKey<TKey>, TAcc, WindowKeyOps<TKey, TKeyOps>> table, long watermarkMs, ref TEmitter emitter)
        where TEmitter : struct, IWindowEmitter<TKey, TAcc>
    {
        ArgumentNullException.ThrowIfNull(table);
        bool update = Mode == OutputMode.Update;
        bool indexed = Mode != OutputMode.Complete;
        for (int i = 0; i < table.Count; i++)
        {
            ref var entry = ref table.EntryAt(i);
            if (MergeIntoStore(in entry.Key, ref entry.Value) && indexed) Index(in entry.Key);
            if (update) emitter.Emit(in entry.Key, in entry.Value);
        }
        if (!indexed)
        {
            EmitAll(ref emitter);
            return;
        }
        bool append = Mode == OutputMode.Append;
        while (Ends.TryPeek(out WindowKey<TKey> window, out long end) && end <= watermarkMs)
        {
            Ends.Dequeue();
            if (!_keys.TryTake(window.StartMs, out List<TKey>? keys)) continue;
            foreach (TKey key in keys)
            {
                var closed = new WindowKey<TKey>(window.StartMs, window.EndMs, key);
                if (Store.TryRemove(in closed, out TAcc value) && append) emitter.Emit(in closed, in value);
            }
            _keys.Recycle(keys);
        }
    }

    private protected override void Restore(in WindowKey<TKey> key)
    {
        if (Mode != OutputMode.Complete) Index(in key);
    }

    /// <summary>Files a new entry under its window; the first entry of a window puts the window in the end index.</summary>
    private void Index(in WindowKey<TKey> entry)
    {
        if (_keys.Add(entry.StartMs, entry.Key)) Ends.Enqueue(WholeWindow(entry.StartMs, entry.EndMs), entry.EndMs);
    }
}
