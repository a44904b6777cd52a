using System.Runtime.CompilerServices;
using Compiled.Aggregation;
using Compiled.Plans;
using Compiled.State;

namespace Compiled.Windows;

/// <summary>
/// A session-window aggregation (<c>Window.Session(time, gap)</c>): rows of the same other key parts whose extents
/// [time, time + gap) overlap share a session, across batches and whatever order they arrive in (within the watermark).
/// Append emits a session once, when the watermark reaches its end, then evicts it; Complete keeps and emits every
/// session. Update is not supported, as in Spark: a merge would leave earlier emitted sessions stale in the sink.
/// </summary>
/// <remarks>
/// The state holds one accumulator per session, keyed by its extent. In memory, each key's sessions are kept sorted by
/// start (rebuilt from the state at open) so a new row finds the sessions it bridges without reading the store; the
/// index by end may hold stale ends of sessions that grew since, which are recognised and skipped when they come up.
/// </remarks>
/// <typeparam name="TKey">The other key parts.</typeparam>
/// <typeparam name="TAcc">The generated accumulator.</typeparam>
/// <typeparam name="TKeyOps">Hashing and equality of <typeparamref name="TKey"/>.</typeparam>
public sealed class SessionWindowAggregation<TKey, TAcc, TKeyOps> : WindowAggregation<TKey, TAcc, TKeyOps>
    where TAcc : struct, IWindowAccumulator<TAcc>
    where TKeyOps : struct, IBatchKeyOps<TKey>
{
    private readonly long _gapMs;
    // Keyed by the other key parts alone (as a window key with zero times, since those parts may be null).
    private readonly Dictionary<WindowKey<TKey>, List<SessionSpan>> _sessions = new(KeyOpsComparer<WindowKey<TKey>, WindowKeyOps<TKey, TKeyOps>>.Instance);
    private readonly Stack<List<SessionSpan>> _freeLists = new();

    /// <summary>Creates the aggregation and indexes its recovered state.</summary>
    /// <param name="context">The plan's context, inside <see cref="IQueryPlan{TOut}.Open"/>.</param>
    /// <param name="operatorId">The operator's id in <see cref="QueryPlanInfo.StateOperators"/>.</param>
    /// <param name="mode">The query's output mode: Append or Complete.</param>
    /// <param name="gap">The constant gap; null when the query computes a gap per row (<see cref="Assign(long, long, in TKey)"/>).</param>
    /// <param name="keySerializer">Serializer of the other key parts when they hold references; null for the built-in one.</param>
    /// <param name="accumulatorSerializer">Serializer of the accumulator when it holds references; null when it is unmanaged.</param>
    /// <param name="processingTime">True for processing-time windows (<c>Window.ProcessingTime</c>), closed by the batch time.</param>
    /// <exception cref="NotSupportedException"><paramref name="mode"/> is Update.</exception>
    public SessionWindowAggregation(
        PlanContext context,
        string operatorId,
        OutputMode mode,
        TimeSpan? gap,
        IStateSerializer<TKey>? keySerializer = null,
        IStateSerializer<TAcc>? accumulatorSerializer = null,
        bool processingTime = false)
        : base(context, CheckMode(mode, operatorId), processingTime)
    {
        _gapMs = gap is { } constant ? WindowMath.PositiveMs(constant, nameof(gap)) : 0;
        IStateSerializer<WindowKey<TKey>>? windowKeySerializer = RuntimeHelpers.IsReferenceOrContainsReferences<TKey>()
            ? new WindowKeySerializer<TKey>(keySerializer)
            : null;
        Store = context.GetStateStore(operatorId, windowKeySerializer, accumulatorSerializer);
        var visitor = new RestoreVisitor(this);
        Store.ForEach(ref visitor);
        foreach (List<SessionSpan> spans in _sessions.Values) spans.Sort(static (a, b) => a.StartMs.CompareTo(b.StartMs));
    }

    /// <summary>The operator's state: one entry per session and other key parts.</summary>
    private IStateStore<WindowKey<TKey>, TAcc> Store { get; }

    /// <summary>The one-row session of a row at <paramref name="timeMs"/> under the constant gap: the batch table key.</summary>
    /// <exception cref="InvalidOperationException">The aggregation was created for per-row gaps.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public WindowKey<TKey> Assign(long timeMs, in TKey key) =>
        _gapMs > 0
            ? new WindowKey<TKey>(timeMs, timeMs + _gapMs, key)
            : throw new InvalidOperationException("This session aggregation takes a gap per row: call Assign(timeMs, gapMs, key).");

    /// <summary>
    /// The one-row session of a row at <paramref name="timeMs"/> with its own gap: the batch table key. A row whose gap is
    /// not positive belongs to no session (Spark drops it): test <paramref name="gapMs"/> &gt; 0 before calling.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static WindowKey<TKey> Assign(long timeMs, long gapMs, in TKey key) => new(timeMs, timeMs + gapMs, key);

    /// <summary>
    /// Merges the batch's one-row sessions into the stored sessions they overlap, emits what the output mode says, and
    /// closes the sessions whose end is at or before <paramref name="watermarkMs"/>.
    /// </summary>
    public void Apply<TEmitter>(BatchTable<WindowKey<TKey>, TAcc, WindowKeyOps<TKey, TKeyOps>> table, long watermarkMs, ref TEmitter emitter)
        where TEmitter : struct, IWindowEmitter<TKey, TAcc>
    {
        ArgumentNullException.ThrowIfNull(table);
        for (int i = 0; i < table.Count; i++)
        {
            ref var entry = ref table.EntryAt(i);
            Merge(in entry.Key, in entry.Value);
        }
        if (Mode == OutputMode.Complete)
        {
            var all = new EmitVisitor<TEmitter>(emitter);
            Store.ForEach(ref all);
            return;
        }
        while (Ends.TryPeek(out WindowKey<TKey> session, out long end) && end <= watermarkMs)
        {
            Ends.Dequeue();
            if (!TryFind(in session, out List<SessionSpan>? spans, out int index)) continue;
            if (Store.TryGet(in session, out TAcc closed)) emitter.Emit(in session, in closed);
            Store.Remove(in session);
            spans.RemoveAt(index);
            if (spans.Count == 0)
            {
                _sessions.Remove(new WindowKey<TKey>(0, 0, session.Key));
                _freeLists.Push(spans);
            }
        }
        DropStaleEnds();
    }

    /// <summary>
    /// Drops index entries of sessions that grew or merged since they were indexed (they are still open under their new
    /// end), so <see cref="WindowAggregation{TKey, TAcc, TKeyOps}.NextWindowEndMs"/> is the end of a live session and a
    /// batch without data never runs for nothing.
    /// </summary>
    private void DropStaleEnds()
    {
        while (Ends.TryPeek(out WindowKey<TKey> session, out _) && !TryFind(in session, out _, out _)) Ends.Dequeue();
    }

    /// <summary>Finds the live session with exactly <paramref name="session"/>'s extent.</summary>
    private bool TryFind(in WindowKey<TKey> session, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out List<SessionSpan>? spans, out int index)
    {
        index = -1;
        if (!_sessions.TryGetValue(new WindowKey<TKey>(0, 0, session.Key), out spans)) return false;
        index = spans.IndexOf(new SessionSpan(session.StartMs, session.EndMs));
        return index >= 0;
    }

    /// <summary>Merges one new session (one or more rows of this batch) with the stored sessions it overlaps.</summary>
    private void Merge(in WindowKey<TKey> added, in TAcc addedValue)
    {
        TKey key = added.Key;
        var keyOnly = new WindowKey<TKey>(0, 0, key);
        if (!_sessions.TryGetValue(keyOnly, out List<SessionSpan>? spans))
        {
            spans = _freeLists.TryPop(out var free) ? free : [];
            _sessions.Add(keyOnly, spans);
        }

        // Sessions do not overlap, so those the new one overlaps are consecutive in start order.
        int first = 0;
        while (first < spans.Count && spans[first].EndMs <= added.StartMs) first++;
        int last = first;
        while (last < spans.Count && spans[last].StartMs < added.EndMs) last++;

        long start = added.StartMs;
        long end = added.EndMs;
        TAcc total = default;
        bool any = false;
        bool addedFolded = false;
        for (int i = first; i < last; i++)
        {
            SessionSpan span = spans[i];
            if (!addedFolded && added.StartMs < span.StartMs)
            {
                Fold(ref total, ref any, addedValue);
                addedFolded = true;
            }
            var stored = new WindowKey<TKey>(span.StartMs, span.EndMs, key);
            if (Store.TryGet(in stored, out TAcc value)) Fold(ref total, ref any, value);
            Store.Remove(in stored);
            start = Math.Min(start, span.StartMs);
            end = Math.Max(end, span.EndMs);
        }
        if (!addedFolded) Fold(ref total, ref any, addedValue);

        spans.RemoveRange(first, last - first);
        spans.Insert(first, new SessionSpan(start, end));
        var merged = new WindowKey<TKey>(start, end, key);
        Store.Put(in merged, in total);
        if (Mode != OutputMode.Complete) Ends.Enqueue(merged, end);
    }

    private static void Fold(ref TAcc total, ref bool any, TAcc later)
    {
        if (any) TAcc.Merge(ref later, in total);
        total = later;
        any = true;
    }

    /// <summary>Indexes one session of the recovered store.</summary>
    private void Restore(in WindowKey<TKey> key)
    {
        var keyOnly = new WindowKey<TKey>(0, 0, key.Key);
        if (!_sessions.TryGetValue(keyOnly, out List<SessionSpan>? spans)) _sessions.Add(keyOnly, spans = []);
        spans.Add(new SessionSpan(key.StartMs, key.EndMs));
        if (Mode != OutputMode.Complete) Ends.Enqueue(key, key.EndMs);
    }

    private static OutputMode CheckMode(OutputMode mode, string operatorId) =>
        mode == OutputMode.Update
            ? throw new NotSupportedException(
                $"Session windows of operator '{operatorId}' cannot run in Update mode (as in Spark): a later row can merge sessions already emitted. Use Append or Complete.")
            : mode;

    private readonly struct RestoreVisitor(SessionWindowAggregation<TKey, TAcc, TKeyOps> owner) : IStateVisitor<WindowKey<TKey>, TAcc>
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
