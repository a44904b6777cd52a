using System.Runtime.CompilerServices;

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
    public void Put(in TKey key, in TValue value)
    {
        _entries[key] = value;
        _updated++;
    }

    /// <inheritdoc />
    public bool Remove(in TKey key)
    {
        if (!_entries.Remove(key)) return false;
        _removed++;
        return true;
    }

    /// <inheritdoc />
    public void ForEach<TVisitor>(ref TVisitor visitor)
        where TVisitor : struct, IStateVisitor<TKey, TValue>
    {
        foreach (var pair in _entries) visitor.Visit(pair.Key, pair.Value);
    }

    /// <inheritdoc />
    public StateStoreMetrics TakeMetrics(long commitTimeMs)
    {
        var metrics = new StateStoreMetrics(OperatorId, _entries.Count, _updated, _removed, EstimatedBytes, commitTimeMs,
            new Dictionary<string, long>());
        _updated = 0;
        _removed = 0;
        return metrics;
    }
}
