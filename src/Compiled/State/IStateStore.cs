namespace Compiled.State;

/// <summary>
/// Keyed state of one stateful operator, versioned by batch id and recovered to the last committed batch.
/// </summary>
/// <remarks>
/// Called only from the batch thread. Writes made during batch N become durable when the engine
/// checkpoints version N, before it writes <c>commits/N</c>.
/// </remarks>
public interface IStateStore<TKey, TValue>
    where TKey : notnull
{
    /// <summary>Reads the value of <paramref name="key"/>.</summary>
    bool TryGet(in TKey key, out TValue value);

    /// <summary>Inserts or replaces the value of <paramref name="key"/>.</summary>
    void Put(in TKey key, in TValue value);

    /// <summary>Deletes <paramref name="key"/>; returns false when it was absent.</summary>
    bool Remove(in TKey key);

    /// <summary>Number of live keys.</summary>
    long Count { get; }

    /// <summary>Visits every live key once, in no particular order.</summary>
    void ForEach<TVisitor>(ref TVisitor visitor)
        where TVisitor : struct, IStateVisitor<TKey, TValue>;
}

/// <summary>Receives entries from <see cref="IStateStore{TKey, TValue}.ForEach{TVisitor}"/>; a struct, so calls are inlined.</summary>
public interface IStateVisitor<TKey, TValue>
{
    /// <summary>Called once per live entry.</summary>
    void Visit(in TKey key, in TValue value);
}
