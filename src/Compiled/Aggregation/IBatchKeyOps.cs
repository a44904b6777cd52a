namespace Compiled.Aggregation;

/// <summary>
/// Hashing and equality of a <see cref="BatchTable{TKey, TValue, TKeyOps}"/> key. Implemented by a generated
/// <c>readonly struct</c> and passed as a struct type argument, so the JIT specialises and inlines each call: no
/// delegate, no boxing, no interface dispatch.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
public interface IBatchKeyOps<TKey>
{
    /// <summary>
    /// Whether the table keeps each key's hash in its slot. False for keys whose hash is as cheap to recompute as to
    /// load and whose equality is one compare (integers, enums): a smaller slot wins.
    /// </summary>
    bool StoresHash { get; }

    /// <summary>The hash of <paramref name="key"/>, consistent with <see cref="Equal"/>.</summary>
    int Hash(in TKey key);

    /// <summary>Whether <paramref name="a"/> and <paramref name="b"/> are the same group.</summary>
    bool Equal(in TKey a, in TKey b);
}
