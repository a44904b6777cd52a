using Compiled.State;
using Microsoft.Extensions.Logging;

namespace Compiled.Plans;

/// <summary>What a plan receives when it opens: its state stores and a logger.</summary>
public sealed class PlanContext
{
    private readonly IStateStoreProvider _stores;

    internal PlanContext(IStateStoreProvider stores, ILogger logger, long stateWatermarkMs = long.MinValue)
    {
        _stores = stores;
        Logger = logger;
        StateWatermarkMs = stateWatermarkMs;
    }

    /// <summary>
    /// The watermark the last committed batch ran with, <see cref="long.MinValue"/> for new state: the recovered state has
    /// already closed (emitted or evicted) every window ending at or before it, so rebuilt indexes must not open them again.
    /// </summary>
    public long StateWatermarkMs { get; }

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
}
