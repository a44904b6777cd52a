using System.Runtime.CompilerServices;
using Compiled.Aggregation;
using Compiled.Plans;
using Compiled.State;

namespace Compiled.Windows;

/// <summary>
/// A sliding-window aggregation (<c>Window.Sliding(time, size, slide[, offset])</c>) computed over panes: the state holds
/// one accumulator per pane (a slice of gcd(size, slide)) and other key parts, so each row updates exactly one pane
/// whatever size/slide is; a window's value is the fold of its panes, computed only when the window is emitted.
/// </summary>
/// <remarks>
/// The in-memory index is by time, not by key: the keys of each pane start (<see cref="KeysByStart{TKey}"/>), and the
/// live windows (those over at least one pane start) once each, with an index by end. A new pane start registers its
/// size/slide windows once for all keys. A closing window folds its panes key by key into a scratch table, earliest pane
/// first, so emitting costs the window's stored panes and not a lookup per window, key and pane slot; then the panes
/// before the next window's start are in no open window any more and are removed.
/// </remarks>
/// <typeparam name="TKey">The other key parts (<see cref="NoKey"/> when the window is the whole key).</typeparam>
/// <typeparam name="TAcc">The generated accumulator.</typeparam>
/// <typeparam name="TKeyOps">Hashing and equality of <typeparamref name="TKey"/>.</typeparam>
public sealed class SlidingWindowAggregation<TKey, TAcc, TKeyOps> : WindowAggregation<TKey, TAcc, TKeyOps>
    where TAcc : struct, IWindowAccumulator<TAcc>
    where TKeyOps : struct, IBatchKeyOps<TKey>
{
    private readonly long _sizeMs;
    private readonly long _slideMs;
    private readonly long _offsetMs;
    private readonly long _paneMs;
    private readonly KeysByStart<TKey> _paneKeys = new();
    private readonly HashSet<long> _windowStarts = [];
    private readonly BatchTable<WindowKey<TKey>, TAcc, WindowKeyOps<TKey, TKeyOps>> _folded = new();
    private readonly HashSet<WindowKey<TKey>> _changed = new(KeyOpsComparer<WindowKey<TKey>, WindowKeyOps<TKey, TKeyOps>>.Instance);
    private readonly List<WindowKey<TKey>> _changedOrder = [];

    /// <summary>Creates the aggregation and indexes its recovered state.</summary>
    /// <param name="context">The plan's context, inside <see cref="IQueryPlan{TOut}.Open"/>.</param>
    /// <param name="operatorId">The operator's id in <see cref="QueryPlanInfo.StateOperators"/>.</param>
    /// <param name="mode">The query's output mode.</param>
    /// <param name="size">Window length.</param>
    /// <param name="slide">Time between window starts.</param>
    /// <param name="offset">Shift of the window starts from the epoch.</param>
    /// <param name="keySerializer">Serializer of the other key parts when they hold references; null for the built-in one.</param>
    /// <param name="accumulatorSerializer">Serializer of the accumulator when it holds references; null when it is unmanaged.</param>
    /// <param name="processingTime">True for processing-time windows (<c>Window.ProcessingTime</c>), closed by the batch time.</param>
    public SlidingWindowAggregation(
        PlanContext context,
        string operatorId,
        OutputMode mode,
        TimeSpan size,
        TimeSpan slide,
        TimeSpan offset = default,
        IStateSerializer<TKey>? keySerializer = null,
        IStateSerializer<TAcc>? accumulatorSerializer = null,
        bool processingTime = false)
        : base(context, operatorId, mode, keySerializer, accumulatorSerializer, processingTime)
    {
        _sizeMs = WindowMath.PositiveMs(size, nameof(size));
        _slideMs = WindowMath.PositiveMs(slide, nameof(slide));
        _offsetMs = (long)offset.TotalMilliseconds;
        _paneMs = WindowMath.Gcd(_sizeMs, _slideMs);
        RestoreIndexes();
    }

    /// <summary>Length of a pane, gcd(size, slide), in milliseconds.</summary>
    public long PaneMs => _paneMs;

    /// <summary>The pane holding a row at <paramref name="timeMs"/> with other key parts <paramref name="key"/>: the batch table key.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public WindowKey<TKey> Assign(long timeMs, in TKey key)
    {
        long start = WindowMath.AlignedStart(timeMs, _paneMs, _offsetMs);
        return new WindowKey<TKey>(start, start + _paneMs, key);
    }

    /// <summary>
    /// Merges the batch's panes into state, emits what the output mode says (Update: every window holding a changed pane),
    /// and closes the windows whose end is at or before <paramref name="watermarkMs"/>.
    /// </summary>
    public void Apply<TEmitter>(BatchTable<WindowKey<TKey>, TAcc, WindowKeyOps<TKey, TKeyOps>> table, long watermarkMs, ref TEmitter emitter)
        where TEmitter : struct, IWindowEmitter<TKey, TAcc>
    {
        ArgumentNullException.ThrowIfNull(table);
        bool update = Mode == OutputMode.Update;
        for (int i = 0; i < table.Count; i++)
        {
            ref var pane = ref table.EntryAt(i);
            if (MergeIntoStore(in pane.Key, ref pane.Value)) Index(in pane.Key);
            if (update) CollectChanged(in pane.Key);
        }
        if (update)
        {
            foreach (WindowKey<TKey> window in _changedOrder) EmitWindow(in window, ref emitter);
            _changedOrder.Clear();
            _changed.Clear();
        }
        if (Mode == OutputMode.Complete)
        {
            foreach (long start in _windowStarts) EmitFolded(start, ref emitter);
            return;
        }
        bool append = Mode == OutputMode.Append;
        while (Ends.TryPeek(out WindowKey<TKey> window, out long end) && end <= watermarkMs)
        {
            Ends.Dequeue();
            _windowStarts.Remove(window.StartMs);
            if (append) EmitFolded(window.StartMs, ref emitter);
            // Windows close in end order, so every earlier window is gone: the panes before the next window's start are
            // in no open window.
            for (long start = window.StartMs; start < window.StartMs + _slideMs; start += _paneMs)
            {
                if (!_paneKeys.TryTake(start, out List<TKey>? keys)) continue;
                foreach (TKey key in keys) Store.Remove(new WindowKey<TKey>(start, start + _paneMs, key));
                _paneKeys.Recycle(keys);
            }
        }
    }

    private protected override void Restore(in WindowKey<TKey> key) => Index(in key);

    /// <summary>
    /// Files a pane new to the state under its start; the first pane of a start registers the windows holding it.
    /// </summary>
    /// <remarks>A stored pane outlives the earlier windows holding it, which were closed (and emitted) already: those are never registered again.</remarks>
    private void Index(in WindowKey<TKey> pane)
    {
        if (!_paneKeys.Add(pane.StartMs, pane.Key)) return;
        long lastStart = WindowMath.AlignedStart(pane.StartMs, _slideMs, _offsetMs);
        for (long start = lastStart; start > pane.StartMs - _sizeMs; start -= _slideMs)
        {
            long end = start + _sizeMs;
            if (Mode != OutputMode.Complete && end <= ClosedThroughMs) break;
            if (_windowStarts.Add(start) && Mode != OutputMode.Complete) Ends.Enqueue(WholeWindow(start, end), end);
        }
    }

    /// <summary>Notes the windows of <paramref name="pane"/>'s key that hold it, for Update mode's emission.</summary>
    private void CollectChanged(in WindowKey<TKey> pane)
    {
        long lastStart = WindowMath.AlignedStart(pane.StartMs, _slideMs, _offsetMs);
        for (long start = lastStart; start > pane.StartMs - _sizeMs; start -= _slideMs)
        {
            var window = new WindowKey<TKey>(start, start + _sizeMs, pane.Key);
            if (window.EndMs <= ClosedThroughMs) break;
            if (_changed.Add(window)) _changedOrder.Add(window);
        }
    }

    /// <summary>Folds the window's panes, earliest first, and emits the result when the window holds any (Update mode: one key's window).</summary>
    private void EmitWindow<TEmitter>(in WindowKey<TKey> window, ref TEmitter emitter)
        where TEmitter : struct, IWindowEmitter<TKey, TAcc>
    {
        TAcc total = default;
        bool any = false;
        for (long start = window.StartMs; start < window.EndMs; start += _paneMs)
        {
            if (!Store.TryGet(new WindowKey<TKey>(start, start + _paneMs, window.Key), out TAcc pane)) continue;
            if (any) TAcc.Merge(ref pane, in total);
            total = pane;
            any = true;
        }
        if (any) emitter.Emit(in window, in total);
    }

    /// <summary>
    /// Emits the window starting at <paramref name="start"/> for every key holding a pane in it: the window's pane starts,
    /// earliest first, are folded key by key into a scratch table, so each stored pane is read once.
    /// </summary>
    private void EmitFolded<TEmitter>(long start, ref TEmitter emitter)
        where TEmitter : struct, IWindowEmitter<TKey, TAcc>
    {
        long end = start + _sizeMs;
        for (long paneStart = start; paneStart < end; paneStart += _paneMs)
        {
            if (!_paneKeys.TryGet(paneStart, out List<TKey>? keys)) continue;
            foreach (TKey key in keys)
            {
                if (!Store.TryGet(new WindowKey<TKey>(paneStart, paneStart + _paneMs, key), out TAcc pane)) continue;
                ref TAcc total = ref _folded.FindOrAdd(new WindowKey<TKey>(start, end, key), out bool added);
                if (!added) TAcc.Merge(ref pane, in total);
                total = pane;
            }
        }
        for (int i = 0; i < _folded.Count; i++)
        {
            ref var window = ref _folded.EntryAt(i);
            emitter.Emit(in window.Key, in window.Value);
        }
        _folded.Clear();
    }
}
