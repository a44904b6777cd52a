using Compiled.Aggregation;

namespace Compiled.Windows;

/// <summary>
/// Hashing and equality of a <see cref="WindowKey{TKey}"/> for the batch table, built from the generated key operations
/// of the other key parts; a struct type argument, so every call is specialised and inlined.
/// </summary>
/// <typeparam name="TKey">The other key parts.</typeparam>
/// <typeparam name="TKeyOps">Their hashing and equality (generated, or <see cref="NoKeyOps"/>).</typeparam>
public readonly struct WindowKeyOps<TKey, TKeyOps> : IBatchKeyOps<WindowKey<TKey>>
    where TKeyOps : struct, IBatchKeyOps<TKey>
{
    // Odd multipliers spread aligned window starts (multiples of the window size) over the hash bits.
    private const long StartMultiplier = unchecked((long)0x9E3779B97F4A7C15UL);
    private const long EndMultiplier = unchecked((long)0xC2B2AE3D27D4EB4FUL);

    /// <inheritdoc />
    public bool StoresHash => true;

    /// <inheritdoc />
    public int Hash(in WindowKey<TKey> key)
    {
        long mixed = unchecked((key.StartMs * StartMultiplier) ^ (key.EndMs * EndMultiplier));
        TKey rest = key.Key;
        return unchecked((int)(mixed ^ (mixed >> 32)) * -1521134295 + default(TKeyOps).Hash(in rest));
    }

    /// <inheritdoc />
    public bool Equal(in WindowKey<TKey> a, in WindowKey<TKey> b)
    {
        if (a.StartMs != b.StartMs || a.EndMs != b.EndMs) return false;
        TKey left = a.Key;
        TKey right = b.Key;
        return default(TKeyOps).Equal(in left, in right);
    }
}
