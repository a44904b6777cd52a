using System.Runtime.CompilerServices;
using Compiled.Aggregation;
using Compiled.Plans;
using Compiled.State;

namespace Compiled.Windows;

/// <summary>
/// A sliding-window aggregation (<c>Window.Sliding(time, size, slide[, offset])</c>) computed over panes: the state holds
/// one table per pane (a slice of gcd(size, slide)), so each row updates exactly one pane whatever size/slide is; a
/// window's value is the fold of its panes, computed only when the window is emitted.
/// </summary>
/// <remarks>
/// The live windows (those over at least one pane) are indexed once each, by start and by end; a new pane registers its
/// size/slide windows once for all keys. A closing window folds its panes' tables, earliest first, key by key into a
/// scratch table, so emitting costs the entries of its panes; then the panes before the next window's start are in no
/// open window any more and are dropped.
/// </remarks>
/// <typeparam name="TKey">The other key parts (<see cref="NoKey"/> when the window is the whole key).</typeparam>
/// <typeparam name="TAcc">The generated accumulator.</typeparam>
/// <typeparam name="TKeyOps">Hashing and equality of <typeparamref name="TKey"/>.</typeparam>
public sealed class SlidingWindowAggregation<TKey, TAcc, TKeyOps> : TableWindowAggregation<TKey, TAcc, TKeyOps>
    where TAcc : struct, IWindowAccumulator<TAcc>
    where TKeyOps : struct, IBatchKeyOps<TKey>
{
    private readonly long _sizeMs;
    private readonly long _slideMs;
    private readonly long _offsetMs;
    private readonly long _paneMs;
    private readonly HashSet<long> _windowStarts = [];
    private readonly HashSet<WindowKey<TKey>> _changed = new(KeyOpsComparer<WindowKey<TKey>, WindowKeyOps<TKey, TKeyOps>>.Instance);
    private readonly List<WindowKey<TKey>> _changedOrder = [];
    private readonly BatchTable<TKey, TAcc, TKeyOps> _folded = new();

    /// <summary>Creates the aggregation and rebuilds its panes from the recovered state.</summary>
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
        : base(context, operatorId, mode, Pane(size, slide), keySerializer, accumulatorSerializer, processingTime)
    {
        _sizeMs = WindowMath.PositiveMs(size, nameof(size));
        _slideMs = WindowMath.PositiveMs(slide, nameof(slide));
        _offsetMs = (long)offset.TotalMilliseconds;
        _paneMs = WindowMath.Gcd(_sizeMs, _slideMs);
        RestoreTables();
    }

    /// <summary>Length of a pane, gcd(size, slide), in milliseconds.</summary>
    public long PaneMs => _paneMs;

    /// <summary>The start of the pane holding a row at <paramref name="timeMs"/> (the generated loop computes it inline with constants).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long StartOf(long timeMs) => WindowMath.AlignedStart(timeMs, _paneMs, _offsetMs);

    /// <summary>
    /// After the batch's rows were accumulated into their panes: emits what the output mode says (Update: every window
    /// holding a changed pane), writes the changed entries to state, and closes the windows whose end is at or before
    /// <paramref name="watermarkMs"/>.
    /// </summary>
    public void Apply<TEmitter>(long watermarkMs, ref TEmitter emitter)
        where TEmitter : struct, IWindowEmitter<TKey, TAcc>
    {
        if (Mode == OutputMode.Update) EmitChangedWindows(ref emitter);
        PersistChanges();
        if (Mode == OutputMode.Complete)
        {
            foreach (long start in _windowStarts) EmitFolded(start, ref emitter);
            EndBatch();
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
                if (TryTake(start, out WindowTable<TKey, TAcc, TKeyOps>? pane)) Drop(pane);
            }
        }
        EndBatch();
    }

    /// <remarks>A recovered pane outlives the earlier windows holding it, which were closed (and emitted) already: those are never registered again.</remarks>
    private protected override void Opened(WindowTable<TKey, TAcc, TKeyOps> table)
    {
        long lastStart = WindowMath.AlignedStart(table.StartMs, _slideMs, _offsetMs);
        for (long start = lastStart; start > table.StartMs - _sizeMs; start -= _slideMs)
        {
            long end = start + _sizeMs;
            if (Mode != OutputMode.Complete && end <= ClosedThroughMs) break;
            if (_windowStarts.Add(start) && Mode != OutputMode.Complete) Ends.Enqueue(WholeWindow(start, end), end);
        }
    }

    /// <summary>Update mode: emits each (window, key) over a pane entry this batch changed, once.</summary>
    private void EmitChangedWindows<TEmitter>(ref TEmitter emitter)
        where TEmitter : struct, IWindowEmitter<TKey, TAcc>
    {
        foreach (WindowTable<TKey, TAcc, TKeyOps> pane in ChangedTables)
        {
            long lastStart = WindowMath.AlignedStart(pane.StartMs, _slideMs, _offsetMs);
            WindowEntries<TKey, TAcc, TKeyOps> entries = pane.Entries;
            for (int i = 0; i < entries.Count; i++)
            {
                ref var entry = ref entries.EntryAt(i);
                if (!ChangedNow(in entry)) continue;
                for (long start = lastStart; start > pane.StartMs - _sizeMs; start -= _slideMs)
                {
                    var window = new WindowKey<TKey>(start, start + _sizeMs, entry.Key);
                    if (window.EndMs <= ClosedThroughMs) break;
                    if (_changed.Add(window)) _changedOrder.Add(window);
                }
            }
        }
        foreach (WindowKey<TKey> window in _changedOrder) EmitWindow(in window, ref emitter);
        _changedOrder.Clear();
        _changed.Clear();
    }

    /// <summary>Folds one key's panes of <paramref name="window"/>, earliest first, and emits the result when it holds any.</summary>
    private void EmitWindow<TEmitter>(in WindowKey<TKey> window, ref TEmitter emitter)
        where TEmitter : struct, IWindowEmitter<TKey, TAcc>
    {
        TAcc total = default;
        bool any = false;
        for (long start = window.StartMs; start < window.EndMs; start += _paneMs)
        {
            if (!TryGetTable(start, out WindowTable<TKey, TAcc, TKeyOps>? pane)) continue;
            ref var entry = ref pane.Entries.Find(window.Key);
            if (Unsafe.IsNullRef(ref entry)) continue;
            TAcc value = entry.Accumulator;
            if (any) TAcc.Merge(ref value, in total);
            total = value;
            any = true;
        }
        if (any) emitter.Emit(in window, in total);
    }

    /// <summary>
    /// Emits the window starting at <paramref name="start"/> for every key holding a pane in it: the window's panes,
    /// earliest first, are folded key by key into a scratch table, so each pane entry is read once.
    /// </summary>
    private void EmitFolded<TEmitter>(long start, ref TEmitter emitter)
        where TEmitter : struct, IWindowEmitter<TKey, TAcc>
    {
        long end = start + _sizeMs;
        for (long paneStart = start; paneStart < end; paneStart += _paneMs)
        {
            if (!TryGetTable(paneStart, out WindowTable<TKey, TAcc, TKeyOps>? pane)) continue;
            WindowEntries<TKey, TAcc, TKeyOps> entries = pane.Entries;
            for (int i = 0; i < entries.Count; i++)
            {
                ref var entry = ref entries.EntryAt(i);
                TAcc value = entry.Accumulator;
                ref TAcc total = ref _folded.FindOrAdd(in entry.Key, out bool added);
                if (!added) TAcc.Merge(ref value, in total);
                total = value;
            }
        }
        for (int i = 0; i < _folded.Count; i++)
        {
            ref var window = ref _folded.EntryAt(i);
            emitter.Emit(new WindowKey<TKey>(start, end, window.Key), in window.Value);
        }
        _folded.Clear();
    }

    private static long Pane(TimeSpan size, TimeSpan slide) =>
        WindowMath.Gcd(WindowMath.PositiveMs(size, nameof(size)), WindowMath.PositiveMs(slide, nameof(slide)));
}
