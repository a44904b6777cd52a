using Compiled.Benchmarks.Data;
using Compiled.Benchmarks.Workloads;

namespace Compiled.Benchmarks.Baselines.W2;

/// <summary>
/// W2 when the key range is known: one count slot per key plus the list of keys the open window touched, so emitting
/// and resetting a window costs its keys, not the key range.
/// </summary>
internal sealed class W2DenseArrayLoop(Ev[] events) : Variant("Hand-written loop (dense array)")
{
    private Checksum _checksum;

    /// <inheritdoc/>
    public override long Run()
    {
        var counts = new long[WorkloadSizes.Keys];
        var touched = new int[WorkloadSizes.Keys];
        int touchedCount = 0;
        var digest = new WindowDigest();
        long start = 0, end = long.MinValue;
        foreach (ref readonly Ev e in events.AsSpan())
        {
            if (e.Time >= end)
            {
                Emit(counts, touched.AsSpan(0, touchedCount), start, ref digest);
                touchedCount = 0;
                start = e.Time - e.Time % WorkloadSizes.W2WindowMs;
                end = start + WorkloadSizes.W2WindowMs;
            }
            if (counts[e.Key]++ == 0) touched[touchedCount++] = e.Key;
        }
        // The last window stays open: the watermark (the last event's time) has not passed its end.
        _checksum = digest.ToChecksum();
        return _checksum.Groups;
    }

    /// <inheritdoc/>
    public override Checksum Checksum() => _checksum;

    private static void Emit(long[] counts, ReadOnlySpan<int> touched, long start, ref WindowDigest digest)
    {
        foreach (int key in touched)
        {
            digest.Add(start, key, counts[key], 0);
            counts[key] = 0;
        }
    }
}
