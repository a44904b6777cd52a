using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Compiled.State;

/// <summary>
/// State of one operator in a <see cref="Dictionary{TKey, TValue}"/>: nothing is written to disk, so the
/// state does not survive the process (<see cref="StateStoreKind.InMemory"/>).
/// </summary>
/// <remarks>Called only from the batch thread, like every <see cref="IStateStore{TKey, TValue}"/>.</remarks>
internal sealed class InMemoryStateStore<TKey, TValue> : IStateStore<TKey, TValue>, IInMemoryStore
    where TKey : notnull
{
    // Dictionary<K,V> keeps per entry: the key, the value, the cached hash code, the next index, and a bucket slot.
    private const int EntryOverheadBytes = sizeof(int) * 3;

    private readonly Dictionary<TKey, TValue> _entries = new();
    private long _updated;
    private long _removed;
    private bool _visiting;
    private ReportedRows _reported;

    internal InMemoryStateStore(string operatorId) => OperatorId = operatorId;

    /// <inheritdoc />
    public string OperatorId { get; }

    /// <inheritdoc />
    public long Count => _entries.Count;

    /// <inheritdoc />
    public long EstimatedBytes =>
        (long)_entries.Count * (Unsafe.SizeOf<TKey>() + Unsafe.SizeOf<TValue>() + EntryOverheadBytes);

    /// <inheritdoc />
    public bool TryGet(in TKey key, out TValue value) => _entries.TryGetValue(key, out value!);

    /// <inheritdoc />
    public void Prefetch(ReadOnlySpan<TKey> keys)
    {
        // Everything is in memory.
    }

    /// <inheritdoc />
    public void Put(in TKey key, in TValue value)
    {
        GetOrAdd(in key, out _) = value;
    }

    /// <inheritdoc />
    public void Put(in TKey key, in TValue value, bool exists)
    {
        GetOrAdd(in key, out bool existed) = value;
        if (existed != exists) throw StateVisits.WrongPresence(OperatorId, key, exists);
    }

    /// <inheritdoc />
    public ref TValue GetOrAdd(in TKey key, out bool exists)
    {
        ref TValue value = ref CollectionsMarshal.GetValueRefOrAddDefault(_entries, key, out exists)!;
        if (!exists && _visiting)
        {
            _entries.Remove(key);
            throw StateVisits.AddDuringVisit(OperatorId);
        }

        _updated++;
        return ref value;
    }

    /// <inheritdoc />
    public bool Remove(in TKey key) => TryRemove(in key, out _);

    /// <inheritdoc />
    public void RemoveLive(in TKey key)
    {
        if (!TryRemove(in key, out _)) throw StateVisits.WrongPresence(OperatorId, key, claimedLive: true);
    }

    /// <inheritdoc />
    public bool TryRemove(in TKey key, out TValue value)
    {
        if (!_entries.Remove(key, out value!)) return false;
        _removed++;
        return true;
    }

    /// <inheritdoc />
    public void ForEach<TVisitor>(ref TVisitor visitor)
        where TVisitor : struct, IStateVisitor<TKey, TValue>
    {
        // Dictionary lets an enumeration survive removals and replaced values, not additions (refused above).
        _visiting = true;
        try
        {
            foreach (var pair in _entries) visitor.Visit(pair.Key, pair.Value);
        }
        finally
        {
            _visiting = false;
        }
    }

    /// <inheritdoc />
    public void ReportRows(long total, long updated, long removed) => _reported.Set(total, updated, removed);

    /// <inheritdoc />
    public StateStoreMetrics TakeMetrics(long commitTimeMs)
    {
        (long total, long updated, long removed) = _reported.Take(_entries.Count, _updated, _removed);
        var metrics = new StateStoreMetrics(OperatorId, total, updated, removed, EstimatedBytes, commitTimeMs,
            new Dictionary<string, long>());
        _updated = 0;
        _removed = 0;
        return metrics;
    }
}
