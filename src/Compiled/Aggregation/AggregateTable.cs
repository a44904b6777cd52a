using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Compiled.State;

namespace Compiled.Aggregation;

/// <summary>
/// The table a keyed aggregation folds its rows into, with the groups each batch changed listed in first-touched order.
/// With state kept in memory only, the table is the operator's state: rows fold straight into each group's running
/// accumulator, so a key costs one lookup per row and none per batch, and the table reports the operator's metrics. With a
/// durable store (the plan got a store from <c>PlanContext.GetStateStore</c> for it), <see cref="BeginBatch"/> empties it
/// and the generated code merges each changed group into the store once per batch.
/// </summary>
/// <typeparam name="TKey">The group key.</typeparam>
/// <typeparam name="TValue">The accumulator; a new key's starts as <c>default</c>.</typeparam>
/// <typeparam name="TKeyOps">Hashing and equality of the key, as a struct so each call is specialised and inlined.</typeparam>
public sealed class AggregateTable<TKey, TValue, TKeyOps> : IInMemoryStore
    where TKeyOps : struct, IBatchKeyOps<TKey>
{
    // The table's slots are at most half full (BatchTable's load factor).
    private const int SlotsPerKey = 2;

    private readonly BatchTable<TKey, Group, TKeyOps> _groups = new();
    private int[] _changed = new int[16];
    private int _changedCount;
    // How many entries ahead a walk in first-seen or first-touched order prefetches: enough misses in flight to cover
    // the memory latency, few enough that the prefetched lines are still cached when their turn comes.
    private const int PrefetchDistance = 8;

    // Stamps start at 1, so a new group (stamp 0) always counts as changed.
    private int _stamp;
    private long _updated;
    private object? _handedOffTo;
    private TKey[] _prefetchKeys = [];

    /// <summary>An empty table for operator <paramref name="operatorId"/>.</summary>
    public AggregateTable(string operatorId) => OperatorId = operatorId;

    /// <summary>The operator the table belongs to.</summary>
    public string OperatorId { get; }

    /// <summary>True when the table holds the operator's whole state across batches (state in memory only).</summary>
    public bool KeepsState { get; private set; }

    /// <summary>Number of groups in the table: every group so far when it keeps the state, else this batch's.</summary>
    public int Count => _groups.Count;

    /// <summary>Number of groups the current batch changed.</summary>
    public int ChangedCount => _changedCount;

    /// <inheritdoc />
    long IInMemoryStore.EstimatedBytes => (long)_groups.Count * SlotsPerKey * Unsafe.SizeOf<BatchTable<TKey, Group, TKeyOps>.Entry>();

    /// <summary>Group <paramref name="index"/>, in first-seen order.</summary>
    /// <remarks>A walk in increasing order is the fast one: each call prefetches the entry a few places ahead.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref BatchTable<TKey, Group, TKeyOps>.Entry EntryAt(int index)
    {
        _groups.Prefetch(index + PrefetchDistance);
        return ref _groups.EntryAt(index);
    }

    /// <summary>The <paramref name="index"/>th group the current batch changed, in first-touched order.</summary>
    /// <remarks>A walk in increasing order is the fast one: each call prefetches the group a few places ahead.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref BatchTable<TKey, Group, TKeyOps>.Entry ChangedAt(int index)
    {
        int ahead = index + PrefetchDistance;
        if (ahead < _changedCount) _groups.Prefetch(_changed[ahead]);
        return ref _groups.EntryAt(_changed[index]);
    }

    /// <summary>Brings the slot of <paramref name="key"/> into the cache: the generated row loop calls it a few rows ahead of its lookups.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Prefetch(in TKey key) => _groups.PrefetchKey(in key);

    /// <summary>Starts a batch: no group changed yet; without kept state, the table is emptied.</summary>
    public void BeginBatch()
    {
        if (!KeepsState) _groups.Clear();
        _changedCount = 0;
        _stamp++;
    }

    /// <summary>The accumulator of <paramref name="key"/>, marked changed; <paramref name="added"/> is true for a key new to the table.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref TValue FindOrAdd(in TKey key, out bool added)
    {
        ref Group group = ref _groups.FindOrAdd(in key, out added);
        if (group.Stamp != _stamp) Touch(ref group, added);
        return ref group.State;
    }

    /// <summary>
    /// The accumulator of the key <paramref name="key"/> stands for, marked changed; <paramref name="added"/> is true for a
    /// key new to the table, and only then is the key materialised through <typeparamref name="TAltOps"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref TValue FindOrAdd<TAlt, TAltOps>(TAlt key, out bool added)
        where TAlt : allows ref struct
        where TAltOps : struct, IBatchAlternateKeyOps<TAlt, TKey>
    {
        ref Group group = ref _groups.FindOrAdd<TAlt, TAltOps>(key, out added);
        if (group.Stamp != _stamp) Touch(ref group, added);
        return ref group.State;
    }

    /// <summary>The stamp of the current batch; a group's stamp is that of the batch that last changed it.</summary>
    internal int CurrentStamp => _stamp;

    /// <summary>
    /// The durable store the table handed its state to when it outgrew its memory budget, or null while the table holds
    /// the state itself (or state is in memory only). From then on the table is emptied every batch and the generated
    /// code merges each changed group into this store, as with a store from the start.
    /// </summary>
    /// <typeparam name="TStoreKey">The key as the store sees it (the group key without a nullable annotation).</typeparam>
    public IStateStore<TStoreKey, TValue>? HandedOffTo<TStoreKey>()
        where TStoreKey : notnull => _handedOffTo as IStateStore<TStoreKey, TValue>;

    /// <summary>
    /// Tells <paramref name="store"/> (the one the table handed its state to) the keys of the groups this batch changed,
    /// before the merge looks each up: a store whose state spilled past its budget reads those it does not hold together
    /// (<see cref="IStateStore{TKey, TValue}.Prefetch"/>), so the merge waits for the disk once per batch, not once per key.
    /// </summary>
    /// <typeparam name="TStoreKey">The key as the store sees it: the group key without a nullable annotation, the same type at run time.</typeparam>
    public void PrefetchChanged<TStoreKey>(IStateStore<TStoreKey, TValue> store)
        where TStoreKey : notnull
    {
        if (_changedCount == 0) return;
        if (_prefetchKeys.Length < _changedCount) _prefetchKeys = new TKey[_changed.Length];
        for (int i = 0; i < _changedCount; i++) _prefetchKeys[i] = _groups.EntryAt(_changed[i]).Key;
        store.Prefetch(MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<TKey, TStoreKey>(ref _prefetchKeys[0]), _changedCount));
        // Keys holding references would otherwise stay reachable until the next batch overwrites them.
        if (RuntimeHelpers.IsReferenceOrContainsReferences<TKey>()) Array.Clear(_prefetchKeys, 0, _changedCount);
    }

    /// <summary>Makes the table the operator's state (called once, before the first batch, by the provider).</summary>
    internal void Keep() => KeepsState = true;

    /// <summary>Hands the state to <paramref name="store"/>, which holds every group now: the next batch starts empty.</summary>
    internal void HandOff(object store)
    {
        KeepsState = false;
        _handedOffTo = store;
    }

    /// <summary>
    /// A group recovered from a durable base (<paramref name="changedSinceBase"/> false) or from a changelog frame after it,
    /// without marking it changed in a batch; its stamp (-1 or 0) tells the two apart.
    /// </summary>
    internal ref TValue Restore(in TKey key, bool changedSinceBase)
    {
        ref Group group = ref _groups.FindOrAdd(in key, out bool added);
        if (added) group.Index = _groups.Count - 1;
        group.Stamp = changedSinceBase ? 0 : -1;
        return ref group.State;
    }

    /// <inheritdoc />
    StateStoreMetrics IInMemoryStore.TakeMetrics(long commitTimeMs)
    {
        var metrics = new StateStoreMetrics(OperatorId, _groups.Count, _updated, 0, ((IInMemoryStore)this).EstimatedBytes, commitTimeMs,
            new Dictionary<string, long>());
        _updated = 0;
        return metrics;
    }

    // Once per group and batch, out of the row loop's hot path.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Touch(ref Group group, bool added)
    {
        group.Stamp = _stamp;
        // A new group is the table's last entry; an existing one remembers its place.
        if (added) group.Index = _groups.Count - 1;
        if (_changedCount == _changed.Length) Array.Resize(ref _changed, _changed.Length * 2);
        _changed[_changedCount++] = group.Index;
        _updated++;
    }

    /// <summary>A group's accumulator with the batch that last changed it and its place in first-seen order.</summary>
    public struct Group
    {
        /// <summary>The group's accumulator.</summary>
        public TValue State;

        /// <summary>The stamp of the batch that last changed the group (-1 and 0: recovered, see <see cref="Restore"/>).</summary>
        internal int Stamp;

        internal int Index;
    }
}
