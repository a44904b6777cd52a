using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Compiled.State.Faster;
using Compiled.Windows;

namespace Compiled.State.Changelog;

/// <summary>
/// One operator's durable state: a hash table of its hot entries in memory, in front of a FASTER base. Each batch's
/// changed keys go to the changelog (<see cref="WriteSection"/>); every few batches the changes since the previous base
/// are applied to FASTER on the base thread and checkpointed there. Entries already in a completed base may be
/// evicted when the table outgrows its budget; a key not in the table is then read from FASTER.
/// </summary>
/// <remarks>
/// <para>Called from the batch thread only; FASTER is shared with the base thread under <c>baseLock</c>, which the
/// batch thread takes only for keys it does not hold (never while every live key is in memory).</para>
/// <para>A removed key stays in the table as a tombstone until a base holds the removal, so FASTER never answers
/// for a key that the table has newer news of.</para>
/// </remarks>
internal sealed class ChangelogStore<TKey, TValue> : IStateStore<TKey, TValue>, IChangelogStore
    where TKey : notnull
{
    // Per entry beyond key and slot: Dictionary's hash code, next index and bucket.
    private const int EntryOverheadBytes = sizeof(int) * 3;
    private const int MinTombstonesToSweep = 1024;

    private readonly Dictionary<TKey, Slot> _table = new();
    private readonly List<TKey> _changed = [];
    private readonly List<TKey> _baseChanged = [];
    private readonly List<TKey> _prefetch = [];
    private readonly SectionCodec<TKey, TValue> _codec;
    private readonly IBaseStore<TKey, TValue> _base;
    private readonly object _baseLock;
    private readonly long _budgetBytes;
    private readonly byte[] _header;
    private long _entryBytes = Unsafe.SizeOf<TKey>() + Unsafe.SizeOf<Slot>() + EntryOverheadBytes;
    private int _batchStamp = 1;
    private int _epoch = 1;
    private int _completedEpoch;
    private bool _complete = true;
    private bool _visiting;
    private long _count;
    private long _updated;
    private long _removed;
    private long _baseReads;
    private long _prefetchReads;
    private long _evicted;
    private long _tombstones;
    private ReportedRows _reported;
    // Written by the checkpoint thread with a deferred section, read at the next batch's.
    private int _deferredSectionBytes;
    private int _deferredRecords;

    /// <summary>Creates the store over its (recovered or empty) FASTER base.</summary>
    public ChangelogStore(string operatorId, StateSchema schema, IBaseStore<TKey, TValue> baseStore, object baseLock, long budgetBytes,
        IStateSerializer<TKey>? keySerializer, IStateSerializer<TValue>? valueSerializer)
    {
        OperatorId = operatorId;
        Schema = schema;
        _base = baseStore;
        _baseLock = baseLock;
        _budgetBytes = budgetBytes;
        _codec = new SectionCodec<TKey, TValue>(keySerializer, valueSerializer);
        _header = ChangelogFrame.SectionHeader(operatorId, schema);
        _count = baseStore.Count;
    }

    /// <inheritdoc />
    public string OperatorId { get; }

    /// <inheritdoc />
    public StateSchema Schema { get; }

    /// <inheritdoc />
    public long Count => _count;

    /// <inheritdoc />
    /// <remarks>
    /// The changelog copies a value into the frame at the checkpoint of the batch that wrote it, so after a removal only a
    /// base may still read it: one of the epochs before the current one, handed to the base thread with the value.
    /// </remarks>
    public long ValueTicket => _epoch - 1;

    /// <inheritdoc />
    public bool ValuesReleased(long ticket) => Volatile.Read(ref _completedEpoch) >= ticket;

    /// <inheritdoc />
    public bool OverBudget =>
        _table.Count * _entryBytes > _budgetBytes
        || (_tombstones >= MinTombstonesToSweep && _tombstones > _table.Count / 4);

    /// <summary>Loads the whole base into the table when it fits the budget; otherwise keys are read from FASTER on demand.</summary>
    public void LoadBase()
    {
        if (_base.Count == 0)
        {
            return;
        }

        if (_base.Count * _entryBytes > _budgetBytes)
        {
            _complete = false;
            return;
        }

        var loader = new Loader(_table);
        _base.ForEach(ref loader);
    }

    /// <summary>
    /// Takes over a group of a keyed aggregation's table that outgrew its budget (before the store's first batch):
    /// <paramref name="changedSinceBase"/> when no base holds its value yet, so the next base must.
    /// </summary>
    public void Adopt(TKey key, TValue value, bool changedSinceBase)
    {
        _table[key] = new Slot { Value = value, Live = true, InBase = true, BaseHolds = !changedSinceBase, BaseEpoch = changedSinceBase ? _epoch : 0 };
        if (changedSinceBase)
        {
            _baseChanged.Add(key);
        }

        _count = _table.Count;
    }

    /// <inheritdoc />
    public IChangelogStore Outgrow() => this;

    /// <inheritdoc />
    public bool TryGet(in TKey key, out TValue value)
    {
        ref Slot slot = ref CollectionsMarshal.GetValueRefOrNullRef(_table, key);
        if (!Unsafe.IsNullRef(ref slot))
        {
            value = slot.Value;
            return slot.Live;
        }

        if (_complete || !ReadBase(in key, out value))
        {
            value = default!;
            return false;
        }

        // Cached as a clean entry: already in the base, so it may be evicted again at once.
        if (!_visiting)
        {
            _table[key] = new Slot { Value = value, Live = true, InBase = true, BaseHolds = true };
        }

        return true;
    }

    /// <inheritdoc />
    /// <remarks>
    /// The keys not in the table are read from FASTER in one batch and enter the table as clean entries (found) or as
    /// slots of absent keys, exactly what a lookup of each would have left, so the batch's calls find them all in memory.
    /// The table may then exceed its budget until the checkpoint evicts: the batch writes most of these keys anyway,
    /// which makes them unevictable until a base holds them, and a clean entry goes at the next eviction.
    /// </remarks>
    public void Prefetch(ReadOnlySpan<TKey> keys)
    {
        if (_complete || _visiting)
        {
            return;
        }

        _prefetch.Clear();
        foreach (ref readonly TKey key in keys)
        {
            if (!_table.ContainsKey(key))
            {
                _prefetch.Add(key);
            }
        }

        if (_prefetch.Count == 0)
        {
            return;
        }

        _prefetchReads += _prefetch.Count;
        var loader = new PrefetchLoader(this);
        lock (_baseLock)
        {
            _base.ReadMany(CollectionsMarshal.AsSpan(_prefetch), ref loader);
        }

        _prefetch.Clear();
    }

    /// <inheritdoc />
    public void Put(in TKey key, in TValue value) => GetOrAdd(in key, out _) = value;

    /// <inheritdoc />
    public void Put(in TKey key, in TValue value, bool exists)
    {
        ref Slot slot = ref CollectionsMarshal.GetValueRefOrNullRef(_table, key);
        if (Unsafe.IsNullRef(ref slot))
        {
            if (exists ? _complete : _visiting)
            {
                throw exists ? StateVisits.WrongPresence(OperatorId, key, exists) : StateVisits.AddDuringVisit(OperatorId);
            }

            // Not in memory: live only in the base (exists), or new. Either way nothing is read from FASTER.
            slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_table, key, out _);
            slot.InBase = exists;
            slot.BaseHolds = exists;
            slot.Live = true;
            if (!exists)
            {
                _count++;
            }
        }
        else if (slot.Live != exists)
        {
            throw StateVisits.WrongPresence(OperatorId, key, exists);
        }
        else if (!exists)
        {
            // A tombstone or a slot of a key looked up and absent: the key comes back.
            if (_visiting)
            {
                throw StateVisits.AddDuringVisit(OperatorId);
            }

            slot.Live = true;
            _count++;
            _tombstones--;
        }

        slot.Value = value;
        Touch(in key, ref slot);
        _updated++;
    }

    /// <inheritdoc />
    public ref TValue GetOrAdd(in TKey key, out bool exists)
    {
        ref Slot slot = ref CollectionsMarshal.GetValueRefOrNullRef(_table, key);
        if (Unsafe.IsNullRef(ref slot))
        {
            slot = ref AddMissing(key);
        }

        exists = slot.Live;
        if (!exists)
        {
            if (_visiting)
            {
                throw StateVisits.AddDuringVisit(OperatorId);
            }

            slot.Live = true;
            slot.Value = default!;
            _count++;
            _tombstones--;
        }

        Touch(in key, ref slot);
        _updated++;
        return ref slot.Value;
    }

    /// <inheritdoc />
    public bool Remove(in TKey key) => TryRemove(in key, out _);

    /// <inheritdoc />
    public void RemoveLive(in TKey key)
    {
        ref Slot slot = ref CollectionsMarshal.GetValueRefOrNullRef(_table, key);
        if (Unsafe.IsNullRef(ref slot))
        {
            if (_complete)
            {
                throw StateVisits.WrongPresence(OperatorId, key, claimedLive: true);
            }

            // Live in the base only: a tombstone, without reading the key (a blind tombstone).
            slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_table, key, out _);
            slot.InBase = true;
            slot.BaseHolds = true;
            slot.Live = true;
        }
        else if (!slot.Live)
        {
            throw StateVisits.WrongPresence(OperatorId, key, claimedLive: true);
        }

        RemoveSlot(in key, ref slot);
    }

    /// <inheritdoc />
    public bool TryRemove(in TKey key, out TValue value)
    {
        ref Slot slot = ref CollectionsMarshal.GetValueRefOrNullRef(_table, key);
        if (Unsafe.IsNullRef(ref slot))
        {
            if (_complete || !ReadBase(in key, out value))
            {
                value = default!;
                return false;
            }

            // Live in the base only: a tombstone carries the removal to the next base.
            slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_table, key, out _);
            slot.InBase = true;
            slot.BaseHolds = true;
        }
        else if (!slot.Live)
        {
            value = default!;
            return false;
        }
        else
        {
            value = slot.Value;
        }

        RemoveSlot(in key, ref slot);
        return true;
    }

    // The removal of a live key whose slot is in the table.
    private void RemoveSlot(in TKey key, ref Slot slot)
    {
        _count--;
        _removed++;
        Touch(in key, ref slot);
        if (!slot.InBase && _complete)
        {
            // Never handed to a base: the changelog records the removal (a key it lists that the table lacks is a
            // delete), and no base needs a tombstone. Short-lived keys (closed windows) then never reach FASTER. Once
            // the state has spilled, the slot stays until the end of the batch instead (WriteSection drops it): it tells
            // a later call of the batch that the base lacks the key, which it would otherwise read from FASTER.
            _table.Remove(key);
            return;
        }

        slot.Live = false;
        slot.Value = default!;
        _tombstones++;
    }

    /// <inheritdoc />
    public void ReportRows(long total, long updated, long removed) => _reported.Set(total, updated, removed);

    /// <inheritdoc />
    public void ForEach<TVisitor>(ref TVisitor visitor)
        where TVisitor : struct, IStateVisitor<TKey, TValue>
    {
        _visiting = true;
        try
        {
            if (_complete)
            {
                // Only existing keys can be written during the visit, which Dictionary's enumeration survives.
                foreach (KeyValuePair<TKey, Slot> pair in _table)
                {
                    if (pair.Value.Live)
                    {
                        visitor.Visit(pair.Key, pair.Value.Value);
                    }
                }

                return;
            }

            VisitSpilled(ref visitor);
        }
        finally
        {
            _visiting = false;
        }
    }

    /// <inheritdoc />
    public void WriteSection(ChangelogBuffer frame)
    {
        int lengthAt = frame.BeginSection(_header, _count, _changed.Count);
        SectionCodec<TKey, TValue>.Begin(frame, SectionCodec<TKey, TValue>.CompactRecords);
        foreach (TKey key in _changed)
        {
            bool live = TakeChange(key, out TValue value);
            _codec.WriteRecord(frame, live, in key, value);
        }

        EndSection(frame.EndSection(lengthAt), _changed.Count);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Window chunks are encoded when first read (<see cref="WindowChunk"/>): their section is taken here, on the batch
    /// thread (which keys changed and their chunk objects), and written into the frame on the checkpoint thread, where
    /// the chunks are encoded. Other values are written at once.
    /// </remarks>
    public IDeferredSection? DeferSection()
    {
        if (typeof(TValue) != typeof(WindowChunk))
        {
            return null;
        }

        var records = new List<(bool Live, TKey Key, TValue Value)>(_changed.Count);
        foreach (TKey key in _changed)
        {
            bool live = TakeChange(key, out TValue value);
            records.Add((live, key, value));
        }

        // The size of the last deferred section, written since, stands in for this one's.
        EndSection(Volatile.Read(ref _deferredSectionBytes), Volatile.Read(ref _deferredRecords));
        return new DeferredSection(this, _count, records);
    }

    // The record of a changed key: whether it is live, and its value; drops the slot of a key removed in this batch that
    // no base ever held (see RemoveSlot), which nothing needs any more.
    private bool TakeChange(TKey key, out TValue value)
    {
        ref Slot slot = ref CollectionsMarshal.GetValueRefOrNullRef(_table, key);
        if (Unsafe.IsNullRef(ref slot))
        {
            value = default!;
            return false;
        }

        if (slot.Live)
        {
            value = slot.Value;
            return true;
        }

        if (!slot.InBase)
        {
            _table.Remove(key);
            _tombstones--;
        }

        value = default!;
        return false;
    }

    // After a batch's section: the entry size estimate and the next batch's change list.
    private void EndSection(int sectionBytes, int records)
    {
        if (RuntimeHelpers.IsReferenceOrContainsReferences<TKey>() || RuntimeHelpers.IsReferenceOrContainsReferences<TValue>())
        {
            if (records > 0)
            {
                // Objects behind references are not in the slot's size; their encoded size is a fair stand-in.
                _entryBytes = Unsafe.SizeOf<TKey>() + Unsafe.SizeOf<Slot>() + EntryOverheadBytes + 2L * sectionBytes / records;
            }
        }

        _changed.Clear();
        _batchStamp++;
    }

    /// <inheritdoc />
    public void Replay(ReadOnlySpan<byte> records, int recordCount, long count)
    {
        var reader = _codec.Open(records, recordCount);
        while (reader.Next(out bool live, out TKey key, out TValue value))
        {
            ref Slot slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_table, key, out bool present);
            if (present && !slot.Live)
            {
                _tombstones--;
            }
            else if (!present)
            {
                // A spilled base may hold a key the table does not; a complete table holds every base key.
                slot.InBase = !_complete;
            }

            slot.Live = live;
            slot.Value = value;
            if (!live)
            {
                _tombstones++;
            }

            if (slot.BaseEpoch != _epoch)
            {
                slot.BaseEpoch = _epoch;
                _baseChanged.Add(key);
            }
        }

        _count = count;
    }

    /// <inheritdoc />
    public IBaseChanges TakeBaseChanges()
    {
        var puts = new List<KeyValuePair<TKey, TValue>>(_baseChanged.Count);
        var deletes = new List<TKey>();
        var putPresence = new List<Presence>(_baseChanged.Count);
        var deleteKnown = new List<bool>();
        foreach (TKey key in _baseChanged)
        {
            ref Slot slot = ref CollectionsMarshal.GetValueRefOrNullRef(_table, key);
            if (Unsafe.IsNullRef(ref slot))
            {
                continue; // added and removed since the last base: no base ever held it
            }

            if (slot.Live)
            {
                puts.Add(new KeyValuePair<TKey, TValue>(key, slot.Value));
                putPresence.Add(slot.BaseHolds ? Presence.Live : slot.InBase ? Presence.Unknown : Presence.Absent);
                slot.InBase = true;
                slot.BaseHolds = true;
            }
            else if (slot.InBase)
            {
                deletes.Add(key);
                deleteKnown.Add(slot.BaseHolds);
                slot.BaseHolds = false;
            }
        }

        _baseChanged.Clear();
        return new BaseChanges(this, puts, putPresence, deletes, deleteKnown, _epoch++);
    }

    /// <inheritdoc />
    public bool Evict()
    {
        int completed = Volatile.Read(ref _completedEpoch);
        long target = _budgetBytes / 4 * 3;
        bool evictedAny = false;
        foreach (KeyValuePair<TKey, Slot> pair in _table)
        {
            Slot slot = pair.Value;
            if (slot.BaseEpoch > completed || (slot.Live && _table.Count * _entryBytes <= target))
            {
                continue;
            }

            _table.Remove(pair.Key);
            evictedAny = true;
            if (slot.Live)
            {
                _complete = false;
                _evicted++;
            }
            else
            {
                _tombstones--;
            }
        }

        return evictedAny;
    }

    /// <inheritdoc />
    public StateStoreMetrics TakeMetrics(long commitTimeMs, IReadOnlyDictionary<string, long> frameMetrics, IReadOnlyDictionary<string, long>? baseMetrics)
    {
        var custom = baseMetrics is null ? new Dictionary<string, long>() : new Dictionary<string, long>(baseMetrics);
        foreach ((string name, long value) in frameMetrics)
        {
            custom[name] = value;
        }

        foreach ((string name, long value) in new Dictionary<string, long>
        {
            ["keysInMemory"] = _table.Count - _tombstones,
            ["keysEvicted"] = _evicted,
            ["baseReads"] = _baseReads,
            ["prefetchReads"] = _prefetchReads,
        })
        {
            custom[name] = value;
        }

        (long total, long updated, long removed) = _reported.Take(_count, _updated, _removed);
        var metrics = new StateStoreMetrics(OperatorId, total, updated, removed, _table.Count * _entryBytes, commitTimeMs, custom);
        _updated = 0;
        _removed = 0;
        _baseReads = 0;
        _prefetchReads = 0;
        _evicted = 0;
        return metrics;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Touch(in TKey key, ref Slot slot)
    {
        if (slot.BatchStamp != _batchStamp)
        {
            slot.BatchStamp = _batchStamp;
            _changed.Add(key);
        }

        if (slot.BaseEpoch != _epoch)
        {
            slot.BaseEpoch = _epoch;
            _baseChanged.Add(key);
        }
    }

    /// <summary>The slot of a key the table does not hold: loaded from the base when it is there, else a tombstone-like empty slot.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private ref Slot AddMissing(TKey key)
    {
        bool found = false;
        TValue value = default!;
        if (!_complete)
        {
            found = ReadBase(in key, out value);
        }

        if (_visiting && !found)
        {
            throw StateVisits.AddDuringVisit(OperatorId);
        }

        return ref Load(key, found, value);
    }

    /// <summary>
    /// The slot of a key just read from the base: a clean entry when the base holds it, else the slot of an absent key
    /// (counted as a tombstone until a write makes it live), which also tells a later base write the base lacks it.
    /// </summary>
    private ref Slot Load(TKey key, bool found, TValue value)
    {
        ref Slot slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_table, key, out bool present);
        if (present)
        {
            return ref slot; // a duplicate of a prefetched key: the first read already loaded it
        }

        slot.Value = value;
        slot.Live = found;
        slot.InBase = found;
        slot.BaseHolds = found;
        if (!found)
        {
            _tombstones++; // counted back when GetOrAdd makes it live
        }

        return ref slot;
    }

    private bool ReadBase(in TKey key, out TValue value)
    {
        _baseReads++;
        lock (_baseLock)
        {
            return _base.TryGet(in key, out value);
        }
    }

    private void VisitSpilled<TVisitor>(ref TVisitor visitor)
        where TVisitor : struct, IStateVisitor<TKey, TValue>
    {
        // The visitor may load spilled keys into the table, so the table is walked over a copy of its keys, and the
        // base pass skips keys that were in the table when the visit began.
        var resident = new HashSet<TKey>(_table.Keys, _table.Comparer);
        foreach (TKey key in resident)
        {
            ref Slot slot = ref CollectionsMarshal.GetValueRefOrNullRef(_table, key);
            if (!Unsafe.IsNullRef(ref slot) && slot.Live)
            {
                visitor.Visit(key, slot.Value);
            }
        }

        var spilled = new SpilledVisitor<TVisitor> { Inner = visitor, Resident = resident, Table = _table };
        lock (_baseLock)
        {
            _base.ForEach(ref spilled);
        }

        visitor = spilled.Inner;
    }

    /// <summary>An entry of the table.</summary>
    private struct Slot
    {
        public TValue Value;

        /// <summary>The batch that last changed the key (for the changelog); 0 when loaded unchanged.</summary>
        public int BatchStamp;

        /// <summary>The base epoch that last changed the key; an entry with an epoch not yet completed must stay.</summary>
        public int BaseEpoch;

        /// <summary>False for a removed key (a tombstone) or a key looked up and absent.</summary>
        public bool Live;

        /// <summary>
        /// True when a base may hold the key (loaded from one, or handed to one): its removal must then reach the base
        /// as a tombstone. A key no base ever held is dropped from the table on removal.
        /// </summary>
        public bool InBase;

        /// <summary>
        /// True when the base certainly holds the key once the bases handed off so far are applied, so its next base write
        /// needs no existence check (FASTER reads a key before each write to keep its count exact, from disk when spilled).
        /// </summary>
        public bool BaseHolds;
    }

    /// <summary>A batch's section taken on the batch thread, written into the frame (its chunks encoded) on the checkpoint thread.</summary>
    private sealed class DeferredSection(ChangelogStore<TKey, TValue> store, long count, List<(bool Live, TKey Key, TValue Value)> records)
        : IDeferredSection
    {
        public void Write(ChangelogBuffer frame)
        {
            int lengthAt = frame.BeginSection(store._header, count, records.Count);
            SectionCodec<TKey, TValue>.Begin(frame, SectionCodec<TKey, TValue>.CompactRecords);
            foreach ((bool live, TKey key, TValue value) in records)
            {
                store._codec.WriteRecord(frame, live, in key, value);
            }

            Volatile.Write(ref store._deferredRecords, records.Count);
            Volatile.Write(ref store._deferredSectionBytes, frame.EndSection(lengthAt));
        }
    }

    /// <summary>Loads the results of a prefetch into the table.</summary>
    private readonly struct PrefetchLoader(ChangelogStore<TKey, TValue> store) : IBaseReadReceiver<TKey, TValue>
    {
        public void Found(in TKey key, in TValue value) => store.Load(key, found: true, value);

        public void Absent(in TKey key) => store.Load(key, found: false, default!);
    }

    /// <summary>Copies the base into the table as clean entries.</summary>
    private readonly struct Loader(Dictionary<TKey, Slot> table) : IStateVisitor<TKey, TValue>
    {
        public void Visit(in TKey key, in TValue value) => table[key] = new Slot { Value = value, Live = true, InBase = true, BaseHolds = true };
    }

    /// <summary>Passes the base's keys that were not in the table at the start of the visit, newest value first.</summary>
    private struct SpilledVisitor<TVisitor> : IStateVisitor<TKey, TValue>
        where TVisitor : struct, IStateVisitor<TKey, TValue>
    {
        public TVisitor Inner;
        public HashSet<TKey> Resident;
        public Dictionary<TKey, Slot> Table;

        public void Visit(in TKey key, in TValue value)
        {
            if (Resident.Contains(key))
            {
                return;
            }

            // Loaded (and maybe changed or removed) by the visitor since the visit began: the table is newer.
            ref Slot slot = ref CollectionsMarshal.GetValueRefOrNullRef(Table, key);
            if (Unsafe.IsNullRef(ref slot))
            {
                Inner.Visit(in key, in value);
            }
            else if (slot.Live)
            {
                Inner.Visit(in key, in slot.Value);
            }
        }
    }

    /// <summary>What the store knows of a key's presence in the base when it hands a write of it to the base thread.</summary>
    private enum Presence : byte
    {
        /// <summary>The base may or may not hold it: the write checks.</summary>
        Unknown,

        /// <summary>No base ever held it.</summary>
        Absent,

        /// <summary>The base holds it.</summary>
        Live,
    }

    /// <summary>The changes of one base epoch, applied to FASTER on the base thread.</summary>
    private sealed class BaseChanges(
        ChangelogStore<TKey, TValue> store, List<KeyValuePair<TKey, TValue>> puts, List<Presence> putPresence, List<TKey> deletes,
        List<bool> deleteKnown, int epoch) : IBaseChanges
    {
        public void Apply()
        {
            IBaseStore<TKey, TValue> target = store._base;
            int added = 0;
            foreach (Presence presence in putPresence)
            {
                if (presence != Presence.Live) added++;
            }

            target.Reserve(target.Count + added);
            for (int i = 0; i < puts.Count; i++)
            {
                KeyValuePair<TKey, TValue> put = puts[i];
                if (putPresence[i] == Presence.Unknown)
                {
                    target.Put(put.Key, put.Value);
                }
                else
                {
                    target.Put(put.Key, put.Value, exists: putPresence[i] == Presence.Live);
                }
            }

            for (int i = 0; i < deletes.Count; i++)
            {
                if (deleteKnown[i])
                {
                    target.RemoveLive(deletes[i]);
                }
                else
                {
                    target.Remove(deletes[i]);
                }
            }
        }

        public void Completed() => Volatile.Write(ref store._completedEpoch, epoch);
    }
}
