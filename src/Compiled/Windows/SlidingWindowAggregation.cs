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
/// A registry of live windows (those holding at least one pane) with an index by end drives emission and eviction:
/// registering costs size/slide per new pane (not per row), closing a window costs its panes. When a window closes, the
/// panes before the next window's start are in no open window any more and are removed.
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
    private readonly HashSet<WindowKey<TKey>> _windows = new(KeyOpsComparer<WindowKey<TKey>, WindowKeyOps<TKey, TKeyOps>>.Instance);
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
    public SlidingWindowAggregation(
        PlanContext context,
        string operatorId,
        OutputMode mode,
        TimeSpan size,
        TimeSpan slide,
        TimeSpan offset = default,
        IStateSerializer<TKey>? keySerializer = null,
        IStateSerializer<TAcc>? accumulatorSerializer = null)
        : base(context, operatorId, mode, keySerializer, accumulatorSerializer)
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
            bool added = MergeIntoStore(in pane.Key, ref pane.Value);
            if (added || update) VisitWindows(in pane.Key, register: added, collectChanged: update);
        }
        if (update)
        {
            foreach (WindowKey<TKey> window in _changedOrder) EmitWindow(in window, ref emitter);
            _changedOrder.Clear();
            _changed.Clear();
        }
        if (Mode == OutputMode.Complete)
        {
            foreach (WindowKey<TKey> window in _windows) EmitWindow(in window, ref emitter);
            return;
        }
        bool append = Mode == OutputMode.Append;
        while (Ends.TryPeek(out WindowKey<TKey> window, out long end) && end <= watermarkMs)
        {
            Ends.Dequeue();
            if (append) EmitWindow(in window, ref emitter);
            _windows.Remove(window);
            // Windows close in end order, so every earlier window of this key is gone: the panes before the next window's
            // start are in no open window.
            for (long start = window.StartMs; start < window.StartMs + _slideMs; start += _paneMs)
                Store.Remove(new WindowKey<TKey>(start, start + _paneMs, window.Key));
        }
    }

    private protected override void Restore(in WindowKey<TKey> key) => VisitWindows(in key, register: true, collectChanged: false);

    /// <summary>Registers (when new) and collects (in Update mode) every window holding <paramref name="pane"/>.</summary>
    private void VisitWindows(in WindowKey<TKey> pane, bool register, bool collectChanged)
    {
        long lastStart = WindowMath.AlignedStart(pane.StartMs, _slideMs, _offsetMs);
        for (long start = lastStart; start > pane.StartMs - _sizeMs; start -= _slideMs)
        {
            var window = new WindowKey<TKey>(start, start + _sizeMs, pane.Key);
            if (register && _windows.Add(window) && Mode != OutputMode.Complete) Ends.Enqueue(window, window.EndMs);
            if (collectChanged && _changed.Add(window)) _changedOrder.Add(window);
        }
    }

    /// <summary>Folds the window's panes, earliest first, and emits the result when the window holds any.</summary>
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
}
