namespace Compiled.State;

/// <summary>The untyped view of an <see cref="InMemoryStateStore{TKey, TValue}"/> its provider needs.</summary>
internal interface IInMemoryStore
{
    /// <summary>The operator the store belongs to.</summary>
    string OperatorId { get; }

    /// <summary>Rough size of the table itself, excluding objects its keys and values reference.</summary>
    long EstimatedBytes { get; }

    /// <summary>Counters since the previous call, which resets them.</summary>
    StateStoreMetrics TakeMetrics(long commitTimeMs);
}
