using Compiled.Aggregation;
using Compiled.State;

namespace Compiled.Generators.Tests.Infrastructure;

/// <summary>Keeps each operator's store across plan instances, so a test can "restart" a query mid-stream.</summary>
internal sealed class InMemoryStateStoreProvider : IStateStoreProvider
{
    private readonly Dictionary<string, object> _stores = new();

    public IReadOnlyCollection<string> OperatorIds => _stores.Keys;

    /// <summary>Whether an aggregation may keep its state in its own table instead of a store.</summary>
    public bool KeepsTables { get; init; }

    public bool TryKeep<TKey, TStoreKey, TValue, TKeyOps>(
        AggregateTable<TKey, TValue, TKeyOps> table, IStateSerializer<TStoreKey>? keySerializer, IStateSerializer<TValue>? valueSerializer)
        where TStoreKey : notnull
        where TKeyOps : struct, IBatchKeyOps<TKey> => KeepsTables;

    public IStateStore<TKey, TValue> GetStore<TKey, TValue>(string operatorId, IStateSerializer<TKey>? keySerializer,
        IStateSerializer<TValue>? valueSerializer)
        where TKey : notnull
    {
        if (_stores.TryGetValue(operatorId, out var existing))
        {
            var store = (InMemoryStateStore<TKey, TValue>)existing;
            store.Bind(keySerializer, valueSerializer);
            return store;
        }
        var created = new InMemoryStateStore<TKey, TValue>(operatorId, keySerializer, valueSerializer);
        _stores.Add(operatorId, created);
        return created;
    }

    public void Checkpoint(long batchId)
    {
    }

    public IReadOnlyList<StateStoreMetrics> CollectMetrics() => [];

    public void Purge(long oldestBatchToKeep)
    {
    }

    public void Dispose()
    {
    }
}
