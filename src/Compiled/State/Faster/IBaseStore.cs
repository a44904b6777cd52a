namespace Compiled.State.Faster;

/// <summary>
/// The typed operations of a FASTER store. FASTER is the durable base under the changelog store
/// (<see cref="Changelog.ChangelogStore{TKey, TValue}"/>), which alone talks to the operator, so a FASTER store needs no
/// in-place reference API.
/// </summary>
internal interface IBaseStore<TKey, TValue>
    where TKey : notnull
{
    /// <summary>Reads the value of <paramref name="key"/>.</summary>
    bool TryGet(in TKey key, out TValue value);

    /// <summary>
    /// Reads every key of <paramref name="keys"/>, issuing the reads that go to disk together and waiting for them once
    /// (per bounded group of reads) instead of once per key; each result goes to <paramref name="receiver"/>.
    /// </summary>
    void ReadMany<TReceiver>(ReadOnlySpan<TKey> keys, ref TReceiver receiver)
        where TReceiver : struct, IBaseReadReceiver<TKey, TValue>;

    /// <summary>Inserts or replaces the value of <paramref name="key"/>.</summary>
    void Put(in TKey key, in TValue value);

    /// <summary>
    /// Inserts or replaces the value of a key the caller knows to be live (<paramref name="exists"/>) or absent: no read
    /// before the write, which FASTER otherwise does to keep <see cref="Count"/> exact (from disk when the key spilled).
    /// </summary>
    void Put(in TKey key, in TValue value, bool exists);

    /// <summary>Deletes a key the caller knows is live, without reading it first.</summary>
    void RemoveLive(in TKey key);

    /// <summary>Deletes <paramref name="key"/>; returns false when it was absent.</summary>
    bool Remove(in TKey key);

    /// <summary>
    /// Writes <paramref name="puts"/>, in any order, of which <paramref name="existing"/> are keys the store holds and the
    /// rest keys it does not, so no write reads the store first: a base's changes, written in one go.
    /// </summary>
    void PutAll(ReadOnlySpan<KeyValuePair<TKey, TValue>> puts, int existing);

    /// <summary>Makes room in the store's index for <paramref name="keys"/> keys before writes that add them.</summary>
    void Reserve(long keys);

    /// <summary>Number of live keys.</summary>
    long Count { get; }

    /// <summary>Visits every live key once; the visitor may write to the store (docs/state-store.md, Iteration).</summary>
    void ForEach<TVisitor>(ref TVisitor visitor)
        where TVisitor : struct, IStateVisitor<TKey, TValue>;
}
