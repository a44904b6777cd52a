using Compiled.State;

namespace Compiled.Benchmarks.PlanPath;

/// <summary>The store provider for a plan without stateful operators: checkpoints are empty and any store request is a bug.</summary>
internal sealed class StatelessStoreProvider(string queryName) : IStateStoreProvider
{
    /// <inheritdoc/>
    public IStateStore<TKey, TValue> GetStore<TKey, TValue>(
        string operatorId,
        IStateSerializer<TKey>? keySerializer,
        IStateSerializer<TValue>? valueSerializer)
        where TKey : notnull =>
        throw new InvalidOperationException(
            $"Query '{queryName}' asked for state store '{operatorId}', but the benchmark runs it as stateless.");

    /// <inheritdoc/>
    public void Checkpoint(long batchId) { }

    /// <inheritdoc/>
    public IReadOnlyList<StateStoreMetrics> CollectMetrics() => [];

    /// <inheritdoc/>
    public void Purge(long oldestBatchToKeep) { }

    /// <inheritdoc/>
    public void Dispose() { }
}
