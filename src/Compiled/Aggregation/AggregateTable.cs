using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Compiled.State;

namespace Compiled.Aggregation;

/// <summary>
/// The table a keyed aggregation folds its rows into, with the groups each batch changed listed in first-touched order.
/// With state kept in memory only, or durable state the provider writes from the table, the table is the operator's
/// state: rows fold straight into each group's running accumulator, so a key costs one lookup per row and none per batch,
/// and the table reports the operator's metrics. With a durable store (the plan got a store from
/// <c>PlanContext.GetStateStore</c> for it), <see cref="BeginBatch"/> empties it and the generated code merges each
/// changed group into the store once per batch.
/// </summary>
/// <remarks>
/// <para>Open addressing with linear probing, at most half the slots used, the entries in the slots themselves. Each slot
/// has a mark: 0 while free; for keys whose hash is not stored (<see cref="IBatchKeyOps{TKey}.StoresHash"/> false:
/// integers, enums) the mark is the stamp of the batch that last changed the group, so a slot of an <c>int</c> key and a
/// <c>long</c> count is 16 bytes and the row loop's one read of it both finds the group and tells whether the batch has
/// changed it yet. Keys with a stored hash keep it in the mark and their stamps in an array beside the slots.</para>
/// <para>Two lists of slot numbers make iteration independent of hash codes (string hashes are randomised per process),
/// so a replayed batch emits its groups in the same order: every group in first-seen order, and the groups the current
/// batch changed in first-touched order.</para>
/// </remarks>
/// <typeparam name="TKey">The group key.</typeparam>
/// <typeparam name="TValue">The accumulator; a new key's starts as <c>default</c>.</typeparam>
/// <typeparam name="TKeyOps">Hashing and equality of the key, as a struct so each call is specialised and inlined.</typeparam>
public sealed partial class AggregateTable<TKey, TValue, TKeyOps> : IInMemoryStore
    where TKeyOps : struct, IBatchKeyOps<TKey>
{
    /// <summary>The stamp of a group recovered from a durable base, unchanged since.</summary>
    internal const int RestoredFromBase = -2;

    /// <summary>The stamp of a group recovered from a changelog frame written after the base.</summary>
    internal const int RestoredSinceBase = -1;

    // How many entries ahead a walk in first-seen or first-touched order prefetches: enough misses in flight to cover
    // the memory latency, few enough that the prefetched lines are still cached when their turn comes.
    private const int PrefetchDistance = 8;

    // A changed group gathered in first-touched order costs about as much as reading this many slots in a row.
    private const int SlotsPerGather = 4;

    private int[] _changed = new int[16];
    private int _changedCount;
    // Never 0, the mark of a free slot: batches start at 2, recovered groups have negative stamps.
    private int _stamp = 1;
    private long _updated;
    private object? _handedOffTo;
    private TKey[] _prefetchKeys = [];

    /// <summary>An empty table for operator <paramref name="operatorId"/>.</summary>
    public AggregateTable(string operatorId)
    {
        OperatorId = operatorId;
        _slots = new Entry[InitialSlots];
        _order = new int[InitialSlots / 2];
        _stamps = default(TKeyOps).StoresHash ? new int[InitialSlots] : null;
        _shift = 32 - BitOperations.Log2(InitialSlots);
    }

    /// <summary>The operator the table belongs to.</summary>
    public string OperatorId { get; }

    /// <summary>True when the table holds the operator's whole state across batches.</summary>
    public bool KeepsState { get; private set; }

    /// <summary>Number of groups in the table: every group so far when it keeps the state, else this batch's.</summary>
    public int Count => _count;

    /// <summary>Number of groups the current batch changed.</summary>
    public int ChangedCount => _changedCount;

    /// <summary>Bytes the table takes per group: its share of the slots (at most half of them are used) and their stamps.</summary>
    internal static long BytesPerGroup => 2L * (Unsafe.SizeOf<Entry>() + (default(TKeyOps).StoresHash ? sizeof(int) : 0));

    /// <inheritdoc />
    long IInMemoryStore.EstimatedBytes => _count * BytesPerGroup;

    /// <summary>Group <paramref name="index"/>, in first-seen order.</summary>
    /// <remarks>A walk in increasing order is the fast one: each call prefetches the entry a few places ahead.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref Entry EntryAt(int index)
    {
        int ahead = index + PrefetchDistance;
        if (ahead < _count) PrefetchSlot(_order[ahead]);
        return ref _slots[_order[index]];
    }

    /// <summary>The <paramref name="index"/>th group the current batch changed, in first-touched order.</summary>
    /// <remarks>A walk in increasing order is the fast one: each call prefetches the group a few places ahead.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref Entry ChangedAt(int index)
    {
        int ahead = index + PrefetchDistance;
        if (ahead < _changedCount) PrefetchSlot(_changed[ahead]);
        return ref _slots[_changed[index]];
    }

    /// <summary>Starts a batch: no group changed yet; without kept state, the table is emptied.</summary>
    public void BeginBatch()
    {
        if (!KeepsState) Clear();
        _changedCount = 0;
        _stamp++;
    }

    /// <summary>The accumulator of <paramref name="key"/>, marked changed; <paramref name="added"/> is true for a key new to the table.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref TValue FindOrAdd(in TKey key, out bool added) => ref FindOrAdd<TKey, SameKey>(key, out added);

    /// <summary>
    /// The accumulator of the key <paramref name="key"/> stands for, marked changed; <paramref name="added"/> is true for a
    /// key new to the table, and only then is the key materialised through <typeparamref name="TAltOps"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref TValue FindOrAdd<TAlt, TAltOps>(TAlt key, out bool added)
        where TAlt : allows ref struct
        where TAltOps : struct, IBatchAlternateKeyOps<TAlt, TKey>
    {
        int tag = Tag(default(TAltOps).Hash(key));
        Entry[] slots = _slots;
        ref Entry first = ref MemoryMarshal.GetArrayDataReference(slots);
        int mask = slots.Length - 1;
        // Home and the mask keep every slot inside the array, so the probe indexes it unchecked.
        for (int slot = Home(tag); ; slot = (slot + 1) & mask)
        {
            ref Entry entry = ref Unsafe.Add(ref first, slot);
            int mark = entry.Mark;
            if (mark == 0)
            {
                added = true;
                return ref Add(slot, tag, default(TAltOps).Create(key));
            }
            if ((!default(TKeyOps).StoresHash || mark == tag) && default(TAltOps).Equal(key, in entry.Key))
            {
                added = false;
                if ((default(TKeyOps).StoresHash ? _stamps![slot] : mark) != _stamp) Touch(slot);
                return ref entry.Value;
            }
        }
    }

    /// <summary>The stamp of the current batch; a group's stamp is that of the batch that last changed it.</summary>
    internal int CurrentStamp => _stamp;

    /// <summary>The stamp of group <paramref name="index"/> (first-seen order).</summary>
    internal int StampAt(int index) => StampOf(_order[index]);

    /// <summary>
    /// Copies the groups whose stamp is above <paramref name="stamp"/> (changed since the batch that had it) into
    /// <paramref name="into"/>, grown to fit, and returns how many it copied: in slot order, a sequential read of every
    /// slot, when that costs less than gathering the changed groups in their order; else in first-touched order. The order
    /// is the table's own either way: only the set is defined.
    /// </summary>
    internal int CopyChangedSince(int stamp, ref KeyValuePair<TKey, TValue>[] into)
    {
        bool thisBatch = stamp == _stamp - 1;
        if (thisBatch && into.Length < _changedCount) into = new KeyValuePair<TKey, TValue>[_changedCount];
        if (thisBatch && _changedCount * SlotsPerGather < _slots.Length)
        {
            for (int i = 0; i < _changedCount; i++)
            {
                ref Entry entry = ref ChangedAt(i);
                into[i] = new KeyValuePair<TKey, TValue>(entry.Key, entry.Value);
            }
            return _changedCount;
        }

        int count = 0;
        Entry[] slots = _slots;
        for (int slot = 0; slot < slots.Length; slot++)
        {
            ref Entry entry = ref slots[slot];
            if (entry.Mark == 0 || StampOf(slot) <= stamp) continue;
            if (count == into.Length) Array.Resize(ref into, Math.Max(16, 2 * count));
            into[count++] = new KeyValuePair<TKey, TValue>(entry.Key, entry.Value);
        }
        return count;
    }

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
        for (int i = 0; i < _changedCount; i++) _prefetchKeys[i] = _slots[_changed[i]].Key;
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
    /// without marking it changed in a batch; its stamp (<see cref="RestoredFromBase"/> or <see cref="RestoredSinceBase"/>)
    /// tells the two apart.
    /// </summary>
    internal ref TValue Restore(in TKey key, bool changedSinceBase)
    {
        int tag = Tag(default(TKeyOps).Hash(in key));
        int stamp = changedSinceBase ? RestoredSinceBase : RestoredFromBase;
        int slot = Probe(in key, tag, out bool found);
        if (!found) return ref Place(slot, tag, stamp, key);
        SetStamp(slot, stamp);
        return ref _slots[slot].Value;
    }

    /// <inheritdoc />
    StateStoreMetrics IInMemoryStore.TakeMetrics(long commitTimeMs)
    {
        var metrics = new StateStoreMetrics(OperatorId, _count, _updated, 0, ((IInMemoryStore)this).EstimatedBytes, commitTimeMs,
            new Dictionary<string, long>());
        _updated = 0;
        return metrics;
    }

    // Once per group and batch, out of the row loop's hot path.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Touch(int slot)
    {
        SetStamp(slot, _stamp);
        Changed(slot);
    }

    // Kept out of line: a key new to the table is the rare case, and a smaller probe loop keeps its registers.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private ref TValue Add(int slot, int tag, TKey key)
    {
        ref TValue value = ref Place(slot, tag, _stamp, key);
        Changed(_order[_count - 1]);
        return ref value;
    }

    private void Changed(int slot)
    {
        if (_changedCount == _changed.Length) Array.Resize(ref _changed, _changed.Length * 2);
        _changed[_changedCount++] = slot;
        _updated++;
    }

    /// <summary>The key looked up as itself.</summary>
    private readonly struct SameKey : IBatchAlternateKeyOps<TKey, TKey>
    {
        public int Hash(TKey key) => default(TKeyOps).Hash(in key);

        public bool Equal(TKey key, in TKey stored) => default(TKeyOps).Equal(in stored, in key);

        public TKey Create(TKey key) => key;
    }

    /// <summary>A slot: its mark (0 when free), key and accumulator.</summary>
    public struct Entry
    {
        // 0: free; else the group's stamp, or for keys with a stored hash the hash with its top bit set.
        internal int Mark;

        /// <summary>The group key.</summary>
        public TKey Key;

        /// <summary>The group's accumulator.</summary>
        public TValue Value;
    }
}
