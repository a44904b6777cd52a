using System.Runtime.InteropServices;
using Compiled.Plans;
using Compiled.State;

namespace Compiled.KeyedState;

/// <summary>
/// Runs <c>MapGroupsWithState</c> / <c>FlatMapGroupsWithState</c> for a generated plan, by Spark's rules
/// (FlatMapGroupsWithStateExec, spark-semantics §6.5): the batch's rows are grouped by key; the function is called once per
/// key with rows, then once per key whose timeout is strictly before the batch's processing time (processing-time
/// timeouts) or watermark (event-time timeouts), with no rows. The timeout is reset before each call. For
/// <c>UpdateStateByKey</c> (DStream's rule, spark-semantics §8) it is also called once per stored key without rows in the batch.
/// </summary>
/// <typeparam name="TKey">The grouping key.</typeparam>
/// <typeparam name="TRow">The rows grouped.</typeparam>
/// <typeparam name="TState">The user's state.</typeparam>
public sealed class GroupStateOperator<TKey, TRow, TState>
    where TKey : notnull
{
    private static readonly List<TRow> s_noRows = [];
    private readonly IStateStore<TKey, GroupStateEntry<TState>> _store;
    private readonly GroupStateTimeout _timeout;
    private readonly bool _everyKey;
    private readonly GroupState<TState> _handle;
    private readonly Dictionary<TKey, int> _slots = [];
    private readonly List<TKey> _keys = [];
    private readonly List<List<TRow>> _rows = [];

    /// <summary>An operator over <paramref name="store"/> whose keys time out as <paramref name="timeout"/> says.</summary>
    public GroupStateOperator(IStateStore<TKey, GroupStateEntry<TState>> store, GroupStateTimeout timeout)
        : this(store, timeout, everyKey: false)
    {
    }

    /// <summary>
    /// An operator over <paramref name="store"/> whose keys time out as <paramref name="timeout"/> says; when
    /// <paramref name="everyKey"/> is set, every stored key without rows in a batch is called too, with none (<c>UpdateStateByKey</c>).
    /// </summary>
    public GroupStateOperator(IStateStore<TKey, GroupStateEntry<TState>> store, GroupStateTimeout timeout, bool everyKey)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _timeout = timeout;
        _everyKey = everyKey;
        _handle = new GroupState<TState>(timeout);
    }

    /// <summary>
    /// One more than the earliest timeout in state (a key times out when the time is strictly past it), for the engine's
    /// no-data batches; <see cref="long.MaxValue"/> when no key has one, <see cref="long.MinValue"/> before the first batch
    /// of a run (unknown: run one).
    /// </summary>
    public long NextTimeoutMs { get; private set; } = long.MinValue;

    /// <summary>Whether any key has state: an <c>UpdateStateByKey</c> operator then wants a batch every trigger interval.</summary>
    public bool HoldsState => _store.Count > 0;

    /// <summary>Adds a row of this batch to its key's group.</summary>
    public void Add(TKey key, TRow row)
    {
        if (!_slots.TryGetValue(key, out int slot))
        {
            slot = _slots.Count;
            _slots.Add(key, slot);
            if (slot < _keys.Count) _keys[slot] = key;
            else
            {
                _keys.Add(key);
                _rows.Add([]);
            }
        }
        _rows[slot].Add(row);
    }

    /// <summary>Calls <paramref name="function"/> for every key with rows, then for every timed-out key; clears the batch's groups.</summary>
    public void Run<TFunction>(ref TFunction function, BatchContext batch)
        where TFunction : struct, IGroupStateFunction<TKey, TRow, TState>
    {
        ArgumentNullException.ThrowIfNull(batch);
        long watermark = batch.WatermarkMs, now = batch.BatchTimestampMs;
        long next = long.MaxValue;
        // The batch's keys are known before any is looked up: a store that spilled reads them together.
        _store.Prefetch(CollectionsMarshal.AsSpan(_keys)[.._slots.Count]);
        for (int i = 0; i < _slots.Count; i++)
        {
            var key = _keys[i];
            bool stored = _store.TryGet(key, out var entry);
            _handle.Reset(stored && entry.Exists, entry.Value, hasTimedOut: false, watermark, now);
            function.Call(key, _rows[i], _handle);
            Apply(key, stored, entry.TimeoutMs);
            if (_handle.TimeoutTimestampMs != GroupState<TState>.NoTimestamp) next = Math.Min(next, _handle.TimeoutTimestampMs);
        }
        if (_everyKey)
        {
            // Before the slots are cleared: they tell which stored keys this batch has already called.
            var rest = new RestVisitor<TFunction>(this, function, watermark, now);
            _store.ForEach(ref rest);
            function = rest.Function;
        }
        for (int i = 0; i < _slots.Count; i++)
        {
            _rows[i].Clear();
            _keys[i] = default!;
        }
        _slots.Clear();

        long threshold = _timeout switch
        {
            GroupStateTimeout.ProcessingTimeTimeout => now,
            GroupStateTimeout.EventTimeTimeout => watermark,
            _ => long.MinValue,
        };
        if (threshold != long.MinValue)
        {
            var timeouts = new TimeoutVisitor<TFunction>(this, function, threshold, watermark, now);
            _store.ForEach(ref timeouts);
            function = timeouts.Function;
            next = Math.Min(next, timeouts.Next);
        }
        NextTimeoutMs = next == long.MaxValue ? long.MaxValue : next + 1;
    }

    /// <summary>
    /// Writes what the function did to the key's state (Spark's callFunctionAndUpdateState). <paramref name="stored"/> is
    /// what the lookup or visit before the call found, so the write and the removal state the key's presence and a
    /// spilled store reads nothing a second time.
    /// </summary>
    private void Apply(TKey key, bool stored, long previousTimeoutMs)
    {
        long timeout = _handle.TimeoutTimestampMs;
        if (!_handle.Exists && timeout == GroupState<TState>.NoTimestamp)
        {
            if (stored) _store.RemoveLive(key);
            return;
        }
        bool timeoutChanged = !stored || timeout != previousTimeoutMs;
        if (!_handle.IsUpdated && !_handle.IsRemoved && !timeoutChanged) return;
        _store.Put(key, new GroupStateEntry<TState>
        {
            Exists = _handle.Exists,
            Value = _handle.Exists ? _handle.Get() : default!,
            TimeoutMs = timeout,
        }, exists: stored);
    }

    /// <summary>Calls the function, without rows, for each stored key that had no rows in the batch; keys may be replaced or removed during the visit.</summary>
    private struct RestVisitor<TFunction>(GroupStateOperator<TKey, TRow, TState> op, TFunction function, long watermark, long now)
        : IStateVisitor<TKey, GroupStateEntry<TState>>
        where TFunction : struct, IGroupStateFunction<TKey, TRow, TState>
    {
        public TFunction Function = function;

        public void Visit(in TKey key, in GroupStateEntry<TState> value)
        {
            if (op._slots.ContainsKey(key)) return;
            op._handle.Reset(value.Exists, value.Value, hasTimedOut: false, watermark, now);
            Function.Call(key, s_noRows, op._handle);
            op.Apply(key, stored: true, value.TimeoutMs);
        }
    }

    /// <summary>Calls the function for each key whose timeout is strictly before the threshold; keys may be replaced or removed during the visit.</summary>
    private struct TimeoutVisitor<TFunction>(GroupStateOperator<TKey, TRow, TState> op, TFunction function, long threshold, long watermark, long now)
        : IStateVisitor<TKey, GroupStateEntry<TState>>
        where TFunction : struct, IGroupStateFunction<TKey, TRow, TState>
    {
        public TFunction Function = function;
        public long Next = long.MaxValue;

        public void Visit(in TKey key, in GroupStateEntry<TState> value)
        {
            if (value.TimeoutMs == GroupState<TState>.NoTimestamp) return;
            if (value.TimeoutMs >= threshold)
            {
                Next = Math.Min(Next, value.TimeoutMs);
                return;
            }
            op._handle.Reset(value.Exists, value.Value, hasTimedOut: true, watermark, now);
            Function.Call(key, s_noRows, op._handle);
            op.Apply(key, stored: true, value.TimeoutMs);
            if (op._handle.TimeoutTimestampMs != GroupState<TState>.NoTimestamp) Next = Math.Min(Next, op._handle.TimeoutTimestampMs);
        }
    }
}
