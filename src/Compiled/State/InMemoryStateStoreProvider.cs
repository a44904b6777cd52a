using Compiled.Aggregation;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Compiled.State;

/// <summary>
/// The "state in memory only" provider (<see cref="StateStoreKind.InMemory"/>): one dictionary per operator,
/// fastest, with nothing on disk. Only the current version exists; a restart begins with empty state.
/// </summary>
/// <remarks>
/// The engine also uses it for plans without stateful operators, which then open no FASTER instance.
/// </remarks>
internal sealed class InMemoryStateStoreProvider : IStateStoreProvider
{
    private readonly List<IInMemoryStore> _stores = [];
    private readonly long? _recoverToBatchId;
    private readonly long _memoryBudgetBytes;
    private readonly ILogger _logger;
    private long _commitTimeMs;
    private bool _budgetWarned;

    /// <summary>Creates the provider.</summary>
    /// <param name="recoverToBatchId">The last committed batch; its state cannot be recovered from memory, so a warning says it is lost.</param>
    /// <param name="memoryBudgetBytes">Estimated size above which a warning is logged once (nothing spills to disk).</param>
    /// <param name="loggerFactory">Logger factory; none when null.</param>
    public InMemoryStateStoreProvider(long? recoverToBatchId, long memoryBudgetBytes, ILoggerFactory? loggerFactory)
    {
        _recoverToBatchId = recoverToBatchId;
        _memoryBudgetBytes = memoryBudgetBytes;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<InMemoryStateStoreProvider>();
    }

    /// <inheritdoc />
    public IStateStore<TKey, TValue> GetStore<TKey, TValue>(
        string operatorId,
        IStateSerializer<TKey>? keySerializer,
        IStateSerializer<TValue>? valueSerializer)
        where TKey : notnull
    {
        foreach (var existing in _stores)
        {
            if (existing.OperatorId != operatorId) continue;
            return existing as IStateStore<TKey, TValue>
                ?? throw new InvalidOperationException(
                    $"State store '{operatorId}' was opened with other key or value types than {typeof(TKey).Name} -> {typeof(TValue).Name}.");
        }
        // Serialisers are not needed: keys and values stay as .NET objects.
        var store = new InMemoryStateStore<TKey, TValue>(operatorId);
        Add(store);
        return store;
    }

    /// <inheritdoc />
    /// <remarks>Always true: an operator's own table is the fastest in-memory state there is.</remarks>
    public bool TryKeep<TKey, TStoreKey, TValue, TKeyOps>(
        AggregateTable<TKey, TValue, TKeyOps> table, IStateSerializer<TStoreKey>? keySerializer, IStateSerializer<TValue>? valueSerializer)
        where TStoreKey : notnull
        where TKeyOps : struct, IBatchKeyOps<TKey> =>
        TryKeep(table);

    /// <inheritdoc />
    /// <remarks>Always true: an operator's own table is the fastest in-memory state there is.</remarks>
    public bool TryKeep(IInMemoryStore state)
    {
        foreach (var existing in _stores)
        {
            if (existing.OperatorId == state.OperatorId)
                throw new InvalidOperationException($"The state of operator '{state.OperatorId}' was opened twice in one query run.");
        }
        Add(state);
        return true;
    }

    private void Add(IInMemoryStore state)
    {
        if (_recoverToBatchId is long lost && _stores.Count == 0)
            _logger.LogWarning(
                "State is kept in memory only: the state of operator '{OperatorId}' up to batch {BatchId} was lost when the query restarted; it starts empty.",
                state.OperatorId, lost);
        _stores.Add(state);
    }

    /// <inheritdoc />
    /// <remarks>Nothing to persist: the version is the dictionaries as they are; this only checks the budget.</remarks>
    public void Checkpoint(long batchId)
    {
        long started = Stopwatch.GetTimestamp();
        long total = 0;
        foreach (var store in _stores) total += store.EstimatedBytes;
        if (total > _memoryBudgetBytes && !_budgetWarned)
        {
            _budgetWarned = true;
            _logger.LogWarning(
                "In-memory state holds about {Bytes} bytes, above the budget of {Budget} bytes; it cannot spill to disk. Consider StateStoreKind.Faster.",
                total, _memoryBudgetBytes);
        }
        _commitTimeMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    /// <inheritdoc />
    public IReadOnlyList<StateStoreMetrics> CollectMetrics()
    {
        var metrics = new StateStoreMetrics[_stores.Count];
        for (int i = 0; i < metrics.Length; i++) metrics[i] = _stores[i].TakeMetrics(_commitTimeMs);
        return metrics;
    }

    /// <inheritdoc />
    /// <remarks>Only the current version is kept, so there is nothing older to delete.</remarks>
    public void Purge(long oldestBatchToKeep)
    {
    }

    /// <inheritdoc />
    public void Dispose() => _stores.Clear();
}
