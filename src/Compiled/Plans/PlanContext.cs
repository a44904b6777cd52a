using Compiled.Aggregation;
using Compiled.State;
using Microsoft.Extensions.Logging;

namespace Compiled.Plans;

/// <summary>What a plan receives when it opens: its state stores and a logger.</summary>
public sealed class PlanContext
{
    private readonly IStateStoreProvider _stores;

    internal PlanContext(IStateStoreProvider stores, ILogger logger, long committedWatermarkMs = long.MinValue, long committedBatchTimestampMs = long.MinValue)
    {
        _stores = stores;
        Logger = logger;
        CommittedWatermarkMs = committedWatermarkMs;
        CommittedBatchTimestampMs = committedBatchTimestampMs;
    }

    /// <summary>
    /// The watermark the last committed batch ran with (<see cref="long.MinValue"/> when none): every window whose end is at
    /// or before it was closed by then, so state recovered to that batch must not reopen it.
    /// </summary>
    public long CommittedWatermarkMs { get; }

    /// <summary>The trigger time of the last committed batch (<see cref="long.MinValue"/> when none): the same bound for processing-time windows.</summary>
    public long CommittedBatchTimestampMs { get; }

    /// <summary>
    /// This context as an operator fed by another stateful operator sees it: its rows follow that operator's output
    /// watermark (a stream-stream join's), so the bound of what it closed before the restart is that watermark.
    /// </summary>
    /// <param name="committedWatermarkMs">The upstream operator's output watermark at <see cref="CommittedWatermarkMs"/>.</param>
    public PlanContext WithCommittedWatermark(long committedWatermarkMs) =>
        new(_stores, Logger, committedWatermarkMs, CommittedBatchTimestampMs);

    /// <summary>Logger for the query.</summary>
    public ILogger Logger { get; }

    /// <summary>
    /// The state store of operator <paramref name="operatorId"/>, recovered to the last committed batch.
    /// </summary>
    /// <param name="operatorId">Must match a <see cref="StateOperatorInfo.OperatorId"/> of the plan.</param>
    /// <param name="keySerializer">Serialiser for a key type that holds references; null for unmanaged keys.</param>
    /// <param name="valueSerializer">Serialiser for a value type that holds references; null for unmanaged values.</param>
    public IStateStore<TKey, TValue> GetStateStore<TKey, TValue>(
        string operatorId,
        IStateSerializer<TKey>? keySerializer = null,
        IStateSerializer<TValue>? valueSerializer = null)
        where TKey : notnull =>
        _stores.GetStore(operatorId, keySerializer, valueSerializer);

    /// <summary>
    /// True when state is kept in memory only: <paramref name="state"/>, an operator's own tables, is then its state across
    /// batches and reports its metrics; false when the operator must write its state to a store (<see cref="GetStateStore{TKey, TValue}"/>).
    /// </summary>
    internal bool TryKeepInMemory(IInMemoryStore state) => _stores.TryKeep(state);

    /// <summary>
    /// The state store behind a keyed aggregation's <paramref name="table"/>, recovered to the last committed batch; or null
    /// when the table itself holds the operator's state across batches (its
    /// <see cref="AggregateTable{TKey, TValue, TKeyOps}.KeepsState"/> is then true): state in memory only, or durable state
    /// the provider writes from the table and recovers into it. Such a table may later hand its state to a store
    /// (<see cref="AggregateTable{TKey, TValue, TKeyOps}.HandedOffTo{TStoreKey}"/>) when it outgrows the memory budget.
    /// </summary>
    /// <param name="table">The operator's table; its operator id must match a <see cref="StateOperatorInfo.OperatorId"/> of the plan.</param>
    /// <param name="keySerializer">Serialiser for a key type that holds references; null for unmanaged keys.</param>
    /// <param name="valueSerializer">Serialiser for a value type that holds references; null for unmanaged values.</param>
    public IStateStore<TStoreKey, TValue>? GetStateStore<TKey, TStoreKey, TValue, TKeyOps>(
        AggregateTable<TKey, TValue, TKeyOps> table,
        IStateSerializer<TStoreKey>? keySerializer = null,
        IStateSerializer<TValue>? valueSerializer = null)
        where TStoreKey : notnull
        where TKeyOps : struct, IBatchKeyOps<TKey>
    {
        if (!_stores.TryKeep(table, keySerializer, valueSerializer)) return _stores.GetStore(table.OperatorId, keySerializer, valueSerializer);
        table.Keep();
        return null;
    }
}
