namespace Compiled.Benchmarks.Workloads;

/// <summary>
/// Folds windowed result rows (window start, key, count, sum) into a <see cref="Checksum"/> in any order, so a loop that
/// emits windows as they close and a plan that emits them batch by batch can be compared.
/// </summary>
internal struct WindowDigest
{
    private long _groups;
    private long _rows;
    private long _digest;

    /// <summary>Adds one window's row for <paramref name="key"/>; <paramref name="sum"/> is 0 for count-only workloads.</summary>
    public void Add(long windowStartMs, int key, long count, long sum)
    {
        _groups++;
        _rows += count;
        ulong place = unchecked((ulong)key * 0x9E3779B97F4A7C15UL ^ (ulong)windowStartMs * 0xC2B2AE3D27D4EB4FUL);
        _digest = unchecked(_digest + (long)place * count + (long)(place >> 7) * sum);
    }

    /// <summary>The digest of every row added so far.</summary>
    public readonly Checksum ToChecksum() => new(_groups, _rows, _digest);
}
