using Compiled.Benchmarks.Data;
using Compiled.Benchmarks.Workloads;

namespace Compiled.Benchmarks.Baselines.W2b;

/// <summary>W2b when the key range is known: a count and a sum slot per key, all emitted and reset when the window closes.</summary>
internal sealed class W2bDenseArrayLoop(Ev[] events) : Variant("Hand-written loop (dense array)")
{
    private Checksum _checksum;

    /// <inheritdoc/>
    public override long Run()
    {
        var counts = new long[WorkloadSizes.DenseKeys];
        var sums = new long[WorkloadSizes.DenseKeys];
        var digest = new WindowDigest();
        long start = 0, end = long.MinValue;
        foreach (ref readonly Ev e in events.AsSpan())
        {
            if (e.Time >= end)
            {
                Emit(counts, sums, start, ref digest);
                start = e.Time - e.Time % WorkloadSizes.W2bWindowMs;
                end = start + WorkloadSizes.W2bWindowMs;
            }
            counts[e.Key]++;
            sums[e.Key] += e.Value;
        }
        // The last window stays open: the watermark (the last event's time) has not passed its end.
        _checksum = digest.ToChecksum();
        return _checksum.Groups;
    }

    /// <inheritdoc/>
    public override Checksum Checksum() => _checksum;

    private static void Emit(long[] counts, long[] sums, long start, ref WindowDigest digest)
    {
        for (int key = 0; key < counts.Length; key++)
        {
            if (counts[key] != 0) digest.Add(start, key, counts[key], sums[key]);
        }
        Array.Clear(counts);
        Array.Clear(sums);
    }
}
