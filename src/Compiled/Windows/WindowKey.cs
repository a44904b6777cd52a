namespace Compiled.Windows;

/// <summary>
/// The key of a windowed aggregation as the batch table and the state store see it: the window
/// [<see cref="StartMs"/>, <see cref="EndMs"/>) in Unix milliseconds plus the other parts of the user's group key.
/// </summary>
/// <remarks>
/// Blittable when <typeparamref name="TKey"/> is, so such windows go into FASTER as raw bytes. For a sliding window the
/// batch table and the store hold panes (slices of gcd(size, slide)) under this type, not windows.
/// </remarks>
/// <typeparam name="TKey">The other key parts; <see cref="NoKey"/> when the window is the whole key.</typeparam>
/// <param name="StartMs">Inclusive start (Unix ms).</param>
/// <param name="EndMs">Exclusive end (Unix ms).</param>
/// <param name="Key">The other key parts.</param>
public readonly record struct WindowKey<TKey>(long StartMs, long EndMs, TKey Key)
{
    /// <summary>The window as the user's key exposes it.</summary>
    public TimeWindow Window => TimeWindow.FromUnixMs(StartMs, EndMs);
}
