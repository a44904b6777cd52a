using Microsoft.Extensions.Logging;

namespace Compiled.State;

// TEMPORARY placeholder so the engine branch compiles; the state branch provides the real provider
// and this file is dropped at merge.
internal sealed class FasterStateStoreProvider : IStateStoreProvider
{
    public FasterStateStoreProvider(string stateDirectory, long? recoverToBatchId, long memoryBudgetBytes, ILoggerFactory? loggerFactory) =>
        throw new NotSupportedException("FasterStateStoreProvider is provided by the state branch.");

    public IStateStore<TKey, TValue> GetStore<TKey, TValue>(string operatorId, IStateSerializer<TKey>? keySerializer, IStateSerializer<TValue>? valueSerializer)
        where TKey : notnull => throw new NotSupportedException();

    public void Checkpoint(long batchId) => throw new NotSupportedException();

    public IReadOnlyList<StateStoreMetrics> CollectMetrics() => throw new NotSupportedException();

    public void Purge(long oldestBatchToKeep) => throw new NotSupportedException();

    public void Dispose() => throw new NotSupportedException();
}
