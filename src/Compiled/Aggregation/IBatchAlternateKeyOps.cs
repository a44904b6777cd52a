namespace Compiled.Aggregation;

/// <summary>
/// Looks up a <see cref="BatchTable{TKey, TValue, TKeyOps}"/> by another form of the key, such as a
/// <see cref="ReadOnlySpan{T}"/> of <see cref="char"/> for a <see cref="string"/> key, so a key is materialised only when
/// it is new to the batch.
/// </summary>
/// <typeparam name="TAlternate">The form the key is looked up by; may be a ref struct.</typeparam>
/// <typeparam name="TKey">The key type stored in the table.</typeparam>
public interface IBatchAlternateKeyOps<TAlternate, TKey>
    where TAlternate : allows ref struct
{
    /// <summary>
    /// The hash of <paramref name="key"/>: must equal the table's own hash of the key <see cref="Create"/> returns,
    /// since both kinds of lookup share the slots.
    /// </summary>
    int Hash(TAlternate key);

    /// <summary>Whether <paramref name="key"/> is the same group as the stored <paramref name="stored"/>.</summary>
    bool Equal(TAlternate key, in TKey stored);

    /// <summary>The key to store for <paramref name="key"/>, called once per key new to the batch.</summary>
    TKey Create(TAlternate key);
}
