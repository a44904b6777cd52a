namespace Compiled.State;

/// <summary>
/// Keyed state of one stateful operator, versioned by batch id and recovered to the last committed batch.
/// </summary>
/// <remarks>
/// <para>Called only from the batch thread. Writes made during batch N become durable when the engine
/// checkpoints version N, before it writes <c>commits/N</c>.</para>
/// <para>Writes during <see cref="ForEach{TVisitor}"/>, the same on every store: the visitor may replace the value of
/// an existing key (<see cref="Put(in TKey, in TValue)"/> or <see cref="GetOrAdd"/>) and remove any key (<see cref="Remove"/>); every key
/// live when the visit started is visited at most once, a key removed before its turn is not visited, and a value
/// replaced before its turn is visited with the new value. Adding a key that does not exist throws
/// <see cref="InvalidOperationException"/>: add keys after the visit.</para>
/// </remarks>
public interface IStateStore<TKey, TValue>
    where TKey : notnull
{
    /// <summary>Reads the value of <paramref name="key"/>.</summary>
    bool TryGet(in TKey key, out TValue value);

    /// <summary>
    /// Tells the store the keys a batch is about to use, before it does: a store whose state spilled past its memory budget
    /// reads those it does not hold in memory together, waiting for the disk once instead of once per key, so the batch's
    /// own calls then find every key in memory. Duplicates are allowed; a store that holds everything in memory does nothing.
    /// </summary>
    /// <remarks>A hint only: it changes no state and no result. Ignored during <see cref="ForEach{TVisitor}"/>.</remarks>
    void Prefetch(ReadOnlySpan<TKey> keys);

    /// <summary>Inserts or replaces the value of <paramref name="key"/>.</summary>
    void Put(in TKey key, in TValue value);

    /// <summary>
    /// Inserts or replaces the value of a key whose presence the caller knows (<paramref name="exists"/>: live now, or
    /// absent), such as a join's buffered row: a store whose state spilled past its memory budget then writes without
    /// reading the key first.
    /// </summary>
    /// <remarks>A wrong <paramref name="exists"/> is refused where the store can see it (the key is in memory) and
    /// otherwise leaves <see cref="Count"/> wrong: pass it only when the operator's own bookkeeping knows.</remarks>
    void Put(in TKey key, in TValue value, bool exists);

    /// <summary>
    /// The one-lookup read-modify-write: returns a reference to the value of <paramref name="key"/>, adding the key with
    /// a default value when it is absent (<paramref name="exists"/> false). Writing through the reference is the update;
    /// the call counts as a write of the key whether or not the caller changes the value.
    /// </summary>
    /// <remarks>The reference is valid until the next call on the store; do not keep it.</remarks>
    ref TValue GetOrAdd(in TKey key, out bool exists);

    /// <summary>Deletes <paramref name="key"/>; returns false when it was absent.</summary>
    bool Remove(in TKey key);

    /// <summary>
    /// Deletes a key the caller knows is live (a blind tombstone): a store whose state spilled past its memory budget
    /// records the removal without reading the key first. An absent key is refused where the store can see it, as in
    /// <see cref="Put(in TKey, in TValue, bool)"/>.
    /// </summary>
    void RemoveLive(in TKey key);

    /// <summary>
    /// Deletes <paramref name="key"/> and returns the value it had: the one-lookup form of <see cref="TryGet"/> followed
    /// by <see cref="Remove"/>, for operators that emit an entry as they evict it.
    /// </summary>
    /// <returns>False when the key was absent (<paramref name="value"/> is then <c>default</c>).</returns>
    bool TryRemove(in TKey key, out TValue value);

    /// <summary>Number of live keys.</summary>
    long Count { get; }

    /// <summary>
    /// Reports the operator's own count of state rows, which the store's metrics (NumRowsTotal, NumRowsUpdated,
    /// NumRowsRemoved) then show instead of its entries: for operators that store many rows per entry, such as the chunks
    /// of tumbling and sliding windows.
    /// </summary>
    /// <param name="total">Rows the operator holds now.</param>
    /// <param name="updated">Rows it added or changed since its previous report.</param>
    /// <param name="removed">Rows it removed since its previous report.</param>
    void ReportRows(long total, long updated, long removed);

    /// <summary>Visits every live key once, in no particular order (writes during the visit: see the type's remarks).</summary>
    void ForEach<TVisitor>(ref TVisitor visitor)
        where TVisitor : struct, IStateVisitor<TKey, TValue>;

    /// <summary>
    /// A ticket for the values the caller has replaced or removed so far, for <see cref="ValuesReleased"/>; -1 (the
    /// default) when the store cannot tell when it lets go of them.
    /// </summary>
    /// <remarks>For operators that recycle the memory of their values (window chunks); others need neither member.</remarks>
    long ValueTicket => -1;

    /// <summary>
    /// True once nothing in the store reads again a value that was replaced or removed before <paramref name="ticket"/>
    /// was taken: not the changelog, not a base written in the background. The caller may then reuse its memory.
    /// </summary>
    bool ValuesReleased(long ticket) => false;
}

/// <summary>Receives entries from <see cref="IStateStore{TKey, TValue}.ForEach{TVisitor}"/>; a struct, so calls are inlined.</summary>
public interface IStateVisitor<TKey, TValue>
{
    /// <summary>Called once per live entry.</summary>
    void Visit(in TKey key, in TValue value);
}
