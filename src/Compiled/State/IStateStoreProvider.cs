using Compiled.Aggregation;

namespace Compiled.State;

/// <summary>
/// Owns the state stores of one query run: creates them, checkpoints them after each batch and
/// recovers them to the last committed batch at start.
/// </summary>
internal interface IStateStoreProvider : IDisposable
{
    /// <summary>Gets (creating or recovering on first call) the store of <paramref name="operatorId"/>.</summary>
    IStateStore<TKey, TValue> GetStore<TKey, TValue>(
        string operatorId,
        IStateSerializer<TKey>? keySerializer,
        IStateSerializer<TValue>? valueSerializer)
        where TKey : notnull;

    /// <summary>
    /// Takes a keyed aggregation's own table as its state instead of a store: kept in memory only, or made durable from
    /// the table (each batch's changed groups written to the changelog), recovered into it before the first batch. The
    /// provider then reports the table's metrics. False when the aggregation must merge its groups into the store of
    /// <see cref="GetStore"/> instead (the provider has opened it).
    /// </summary>
    bool TryKeep<TKey, TStoreKey, TValue, TKeyOps>(
        AggregateTable<TKey, TValue, TKeyOps> table, IStateSerializer<TStoreKey>? keySerializer, IStateSerializer<TValue>? valueSerializer)
        where TStoreKey : notnull
        where TKeyOps : struct, IBatchKeyOps<TKey>;

    /// <summary>
    /// Takes an operator's own in-memory tables as its state instead of a store, when the provider keeps nothing durable;
    /// the provider then reports the tables' metrics. False when the operator must write its state to a store.
    /// </summary>
    bool TryKeep(IInMemoryStore state) => false;

    /// <summary>Makes every store's writes up to now durable as version <paramref name="batchId"/>.</summary>
    void Checkpoint(long batchId);

    /// <summary>
    /// Captures every store's writes up to now as version <paramref name="batchId"/> and returns what is left to make
    /// that version durable, or null when nothing is. The returned work reads no store, so it may run on another thread
    /// while the next batch changes the stores; it must have run before any other call on the provider.
    /// </summary>
    Action? BeginCheckpoint(long batchId)
    {
        Checkpoint(batchId);
        return null;
    }

    /// <summary>
    /// False when <see cref="BeginCheckpoint"/> of version <paramref name="batchId"/> only copies memory, so a caller may
    /// run it on its own thread without a bound; true when it may wait on the disk or on another thread (the default).
    /// </summary>
    bool CaptureMayWait(long batchId) => true;

    /// <summary>Per-operator metrics since the previous checkpoint, in operator order.</summary>
    IReadOnlyList<StateStoreMetrics> CollectMetrics();

    /// <summary>Deletes versions older than <paramref name="oldestBatchToKeep"/>.</summary>
    void Purge(long oldestBatchToKeep);
}

/// <summary>Counters of one state store for one batch, reported in progress.</summary>
public sealed record StateStoreMetrics(
    string OperatorId,
    long NumRowsTotal,
    long NumRowsUpdated,
    long NumRowsRemoved,
    long MemoryUsedBytes,
    long CommitTimeMs,
    IReadOnlyDictionary<string, long> CustomMetrics);
