using Compiled.Aggregation;
using Compiled.Checkpointing;
using Compiled.Plans;
using Compiled.State;

namespace Compiled.Engine;

/// <summary>
/// Sits between the plan and the state store provider: before a store is opened, the key and value types the plan
/// asks for are compared with those the checkpoint recorded, so a changed query fails with a message naming what
/// differs (a type renamed, or moved to another class) rather than the store's generic "schema changed".
/// </summary>
internal sealed class CheckedStateStoreProvider(IStateStoreProvider inner, CheckpointDirectory checkpoint, IReadOnlyList<StateOperatorInfo> operators)
    : IStateStoreProvider
{
    /// <inheritdoc />
    public IStateStore<TKey, TValue> GetStore<TKey, TValue>(string operatorId, IStateSerializer<TKey>? keySerializer, IStateSerializer<TValue>? valueSerializer)
        where TKey : notnull =>
        Checked<TKey, TValue, IStateStore<TKey, TValue>>(operatorId, () => inner.GetStore(operatorId, keySerializer, valueSerializer));

    /// <inheritdoc />
    public bool TryKeep<TKey, TStoreKey, TValue, TKeyOps>(
        AggregateTable<TKey, TValue, TKeyOps> table, IStateSerializer<TStoreKey>? keySerializer, IStateSerializer<TValue>? valueSerializer)
        where TStoreKey : notnull
        where TKeyOps : struct, IBatchKeyOps<TKey> =>
        Checked<TStoreKey, TValue, bool>(table.OperatorId, () => inner.TryKeep(table, keySerializer, valueSerializer));

    /// <summary>Opens an operator's state through <paramref name="open"/> between two checks of its recorded types.</summary>
    private TResult Checked<TKey, TValue, TResult>(string operatorId, Func<TResult> open)
    {
        StateOperatorInfo? op = null;
        foreach (var candidate in operators)
        {
            if (string.Equals(candidate.OperatorId, operatorId, StringComparison.Ordinal)) op = candidate;
        }
        if (op is null) return open();
        string keyType = typeof(TKey).ToString(), valueType = typeof(TValue).ToString();
        checkpoint.CheckStateTypes(op, keyType, valueType);
        TResult opened = open();
        // Recorded again once the state is open: opening a store with no committed state may clear its directory.
        checkpoint.CheckStateTypes(op, keyType, valueType);
        return opened;
    }

    /// <inheritdoc />
    public bool TryKeep(IInMemoryStore state) => inner.TryKeep(state);

    /// <inheritdoc />
    public void Checkpoint(long batchId) => inner.Checkpoint(batchId);

    /// <inheritdoc />
    public Action? BeginCheckpoint(long batchId) => inner.BeginCheckpoint(batchId);

    /// <inheritdoc />
    public bool CaptureMayWait(long batchId) => inner.CaptureMayWait(batchId);

    /// <inheritdoc />
    public IReadOnlyList<StateStoreMetrics> CollectMetrics() => inner.CollectMetrics();

    /// <inheritdoc />
    public void Purge(long oldestBatchToKeep) => inner.Purge(oldestBatchToKeep);

    /// <inheritdoc />
    public void Dispose() => inner.Dispose();
}
