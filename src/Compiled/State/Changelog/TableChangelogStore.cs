using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Compiled.Aggregation;
using Compiled.State.Faster;

namespace Compiled.State.Changelog;

/// <summary>
/// Durable state of a keyed aggregation whose own <see cref="AggregateTable{TKey, TValue, TKeyOps}"/> is the state: rows
/// fold into the table as with state in memory only, and this store only writes. Each batch's section of the changelog
/// frame is copied in one pass over the groups the batch changed, straight from the table, and encoded on the checkpoint
/// thread while the next batch runs; every few batches the groups
/// changed since the previous base are copied for the base thread, which applies them to FASTER. Nothing per key is
/// looked up twice, and the batch thread never touches FASTER.
/// </summary>
/// <remarks>
/// <para>The frame section is the same as <see cref="ChangelogStore{TKey, TValue}"/>'s (a put per changed group), so a
/// checkpoint written by either recovers into either.</para>
/// <para>A keyed aggregation never removes a group, so the table only grows. When it outgrows its share of the memory
/// budget, <see cref="Outgrow"/> moves every group into a <see cref="ChangelogStore{TKey, TValue}"/>, which evicts cold
/// entries to FASTER, and the table hands its state over to it (<see cref="AggregateTable{TKey, TValue, TKeyOps}.HandOff"/>).</para>
/// </remarks>
internal sealed class TableChangelogStore<TKey, TStoreKey, TValue, TKeyOps> : IChangelogStore
    where TStoreKey : notnull
    where TKeyOps : struct, IBatchKeyOps<TKey>
{
    // Per group: the slot (the table's slots are at most half full) and, for keys or values holding references, about
    // twice their encoded size for the objects behind them.
    private static readonly bool s_references =
        RuntimeHelpers.IsReferenceOrContainsReferences<TKey>() || RuntimeHelpers.IsReferenceOrContainsReferences<TValue>();
    private static readonly long s_slotBytes = AggregateTable<TKey, TValue, TKeyOps>.BytesPerGroup;

    private readonly AggregateTable<TKey, TValue, TKeyOps> _table;
    private readonly SectionCodec<TStoreKey, TValue> _codec;
    private readonly IBaseStore<TStoreKey, TValue> _base;
    private readonly object _baseLock;
    private readonly long _budgetBytes;
    private readonly IStateSerializer<TStoreKey>? _keySerializer;
    private readonly IStateSerializer<TValue>? _valueSerializer;
    private readonly byte[] _header;
    // Written on the checkpoint thread (from the last section's size) for keys or values holding references.
    private long _entryBytes = s_slotBytes;
    private PutsSection? _section;
    // Groups with a stamp above this changed since the last base handed to the base thread (at first: every group replayed).
    private int _baseStamp = AggregateTable<TKey, TValue, TKeyOps>.RestoredFromBase;
    // Groups in the base, or in it once the running base completes.
    private int _baseGroups;
    // Records the sections (and the replayed frames) wrote since the last base: an upper bound of the groups it takes.
    private long _writtenSinceBase;
    // The groups handed to the base thread, reused from base to base: one base runs at a time, and the provider waits
    // for the previous one before it takes the next changes.
    private KeyValuePair<TKey, TValue>[] _basePuts = [];
    // The table stamp whose changes the last section wrote: a batch the plan did not run writes none.
    private int _writtenStamp = -1;
    private long _updated;

    /// <summary>Wraps <paramref name="table"/> over its (recovered or empty) FASTER base.</summary>
    public TableChangelogStore(AggregateTable<TKey, TValue, TKeyOps> table, StateSchema schema, IBaseStore<TStoreKey, TValue> baseStore,
        object baseLock, long budgetBytes, IStateSerializer<TStoreKey>? keySerializer, IStateSerializer<TValue>? valueSerializer)
    {
        if (typeof(TKey) != typeof(TStoreKey))
        {
            throw new ArgumentException($"Operator '{table.OperatorId}': the table's key type {typeof(TKey)} differs from the store's {typeof(TStoreKey)}.");
        }

        _table = table;
        Schema = schema;
        _base = baseStore;
        _baseLock = baseLock;
        _budgetBytes = budgetBytes;
        _keySerializer = keySerializer;
        _valueSerializer = valueSerializer;
        _codec = new SectionCodec<TStoreKey, TValue>(keySerializer, valueSerializer);
        _header = ChangelogFrame.SectionHeader(table.OperatorId, schema);
    }

    /// <inheritdoc />
    public string OperatorId => _table.OperatorId;

    /// <inheritdoc />
    public StateSchema Schema { get; }

    /// <inheritdoc />
    public bool OverBudget => _table.Count * Volatile.Read(ref _entryBytes) > _budgetBytes;

    /// <summary>True when a base of <paramref name="keys"/> keys would not fit the table's share of the budget.</summary>
    public static bool TooLarge(long keys, long budgetBytes) => keys * s_slotBytes > budgetBytes;

    /// <summary>Loads the whole base into the table (the caller checked it fits, <see cref="TooLarge"/>).</summary>
    public void LoadBase()
    {
        var loader = new Loader(_table);
        _base.ForEach(ref loader);
        _baseGroups = _table.Count;
    }

    /// <inheritdoc />
    public void WriteSection(ChangelogBuffer frame) => DeferSection().Write(frame);

    /// <inheritdoc />
    /// <remarks>
    /// Copies the groups the batch changed out of the table (the next batch changes them in place); the checkpoint thread
    /// encodes the copy. One frame is in flight at a time, so the copy is reused from batch to batch.
    /// </remarks>
    public IDeferredSection DeferSection()
    {
        int changed = _table.CurrentStamp == _writtenStamp ? 0 : _table.ChangedCount;
        _section ??= new PutsSection(this);
        _section.Take(changed);
        _writtenStamp = _table.CurrentStamp;
        _updated += changed;
        _writtenSinceBase += changed;
        return _section;
    }

    /// <inheritdoc />
    public void Replay(ReadOnlySpan<byte> records, int recordCount, long count)
    {
        _writtenSinceBase += recordCount;
        var reader = _codec.Open(records, recordCount);
        while (reader.Next(out bool live, out TStoreKey key, out TValue value))
        {
            if (!live)
            {
                throw new InvalidDataException(
                    $"The changelog removes a group of operator '{OperatorId}', a keyed aggregation, which never removes one: " +
                    "the checkpoint was written by another query. Start from a new checkpoint location.");
            }

            _table.Restore(in Unsafe.As<TStoreKey, TKey>(ref key), changedSinceBase: true) = value;
        }

        if (_table.Count != count)
        {
            throw new InvalidDataException(
                $"The state of operator '{OperatorId}' recovers to {_table.Count} groups where the changelog recorded {count}: " +
                "the base and the changelog do not belong together. Restore the checkpoint from a backup or start from a new checkpoint location.");
        }
    }

    /// <inheritdoc />
    public IBaseChanges TakeBaseChanges()
    {
        // Sized for what the sections since the last base wrote (at most every group), so it rarely grows here.
        int bound = (int)Math.Min(_table.Count, _writtenSinceBase);
        if (_basePuts.Length < bound) _basePuts = new KeyValuePair<TKey, TValue>[Math.Max(bound, _basePuts.Length * 2)];
        _writtenSinceBase = 0;
        int count = _table.CopyChangedSince(_baseStamp, ref _basePuts);
        // A keyed aggregation never removes a group: those added since the last base are the ones it does not hold.
        int existing = count - (_table.Count - _baseGroups);
        _baseStamp = _table.CurrentStamp;
        _baseGroups = _table.Count;
        return new BaseChanges(_base, _basePuts, count, existing);
    }

    /// <inheritdoc />
    public bool Evict() => false;

    /// <inheritdoc />
    public IChangelogStore Outgrow()
    {
        if (!OverBudget)
        {
            return this;
        }

        var store = new ChangelogStore<TStoreKey, TValue>(OperatorId, Schema, _base, _baseLock, _budgetBytes, _keySerializer, _valueSerializer);
        for (int i = 0; i < _table.Count; i++)
        {
            ref var entry = ref _table.EntryAt(i);
            // A group changed since the last hand-off is not in any base yet; the others are (or will be once the running base completes).
            store.Adopt(Unsafe.As<TKey, TStoreKey>(ref entry.Key), entry.Value, changedSinceBase: _table.StampAt(i) > _baseStamp);
        }

        _table.HandOff(store);
        return store;
    }

    /// <inheritdoc />
    public StateStoreMetrics TakeMetrics(long commitTimeMs, IReadOnlyDictionary<string, long> frameMetrics, IReadOnlyDictionary<string, long>? baseMetrics)
    {
        var custom = baseMetrics is null ? new Dictionary<string, long>() : new Dictionary<string, long>(baseMetrics);
        foreach ((string name, long value) in frameMetrics)
        {
            custom[name] = value;
        }

        custom["keysInMemory"] = _table.Count;
        custom["keysEvicted"] = 0;
        custom["baseReads"] = 0;
        custom["prefetchReads"] = 0;
        var metrics = new StateStoreMetrics(OperatorId, _table.Count, _updated, 0, _table.Count * Volatile.Read(ref _entryBytes), commitTimeMs, custom);
        _updated = 0;
        return metrics;
    }

    /// <summary>Copies the base into the table as groups unchanged since it.</summary>
    private readonly struct Loader(AggregateTable<TKey, TValue, TKeyOps> table) : IStateVisitor<TStoreKey, TValue>
    {
        public void Visit(in TStoreKey key, in TValue value) =>
            table.Restore(in Unsafe.As<TStoreKey, TKey>(ref Unsafe.AsRef(in key)), changedSinceBase: false) = value;
    }

    /// <summary>
    /// The groups changed since the previous base, applied to FASTER on the base thread: the first <paramref name="count"/>
    /// of <paramref name="puts"/>, of which <paramref name="existing"/> are groups the base holds and the rest new ones, so
    /// no write reads FASTER first.
    /// </summary>
    private sealed class BaseChanges(IBaseStore<TStoreKey, TValue> target, KeyValuePair<TKey, TValue>[] puts, int count, int existing)
        : IBaseChanges
    {
        public void Apply()
        {
            target.Reserve(target.Count + count - existing);
            target.PutAll(StoreForm(puts.AsSpan(0, count)), existing);
        }

        // Nothing waits for it (the table is never evicted); keys and values holding references are let go.
        public void Completed()
        {
            if (s_references) Array.Clear(puts, 0, count);
        }
    }

    /// <summary>
    /// A batch's section: the groups it changed, copied on the batch thread and encoded (a put each) on the checkpoint
    /// thread, where the varints cost the batch nothing.
    /// </summary>
    private sealed class PutsSection(TableChangelogStore<TKey, TStoreKey, TValue, TKeyOps> store) : IDeferredSection
    {
        private KeyValuePair<TKey, TValue>[] _puts = [];
        private int _count;
        private long _groups;

        public void Take(int changed)
        {
            AggregateTable<TKey, TValue, TKeyOps> table = store._table;
            _count = changed == 0 ? 0 : table.CopyChangedSince(table.CurrentStamp - 1, ref _puts);
            _groups = table.Count;
        }

        public void Write(ChangelogBuffer frame)
        {
            int lengthAt = frame.BeginSection(store._header, _groups, _count);
            SectionCodec<TStoreKey, TValue>.Begin(frame, SectionCodec<TStoreKey, TValue>.CompactPuts);
            foreach (ref readonly KeyValuePair<TStoreKey, TValue> put in StoreForm(_puts.AsSpan(0, _count)))
            {
                store._codec.WritePut(frame, put.Key, put.Value);
            }

            int sectionBytes = frame.EndSection(lengthAt);
            if (s_references && _count > 0)
            {
                Volatile.Write(ref store._entryBytes, s_slotBytes + 2L * sectionBytes / _count);
                // Keys and values holding references would otherwise stay reachable until the next batch overwrites them.
                Array.Clear(_puts, 0, _count);
            }
        }
    }

    // The table's key and the store's are the same type at run time (checked in the constructor).
    private static Span<KeyValuePair<TStoreKey, TValue>> StoreForm(Span<KeyValuePair<TKey, TValue>> pairs) =>
        MemoryMarshal.CreateSpan(ref Unsafe.As<KeyValuePair<TKey, TValue>, KeyValuePair<TStoreKey, TValue>>(ref MemoryMarshal.GetReference(pairs)), pairs.Length);
}
