using Compiled.Benchmarks.Data;
using Compiled.Benchmarks.Workloads;

namespace Compiled.Benchmarks.Baselines.W2a;

/// <summary>W2a when the key range is known to be small and dense: one array slot per key, no hashing.</summary>
internal sealed class W2aDenseArrayLoop(Ev[] events) : Variant("Hand-written loop (dense array)")
{
    private long[] _counts = [];

    /// <inheritdoc/>
    public override long Run()
    {
        var counts = new long[WorkloadSizes.Keys];
        foreach (ref readonly Ev e in events.AsSpan()) counts[e.Key]++;
        _counts = counts;
        return counts.Length;
    }

    /// <inheritdoc/>
    public override Checksum Checksum()
    {
        var rows = new List<KeyValuePair<int, long>>();
        for (int key = 0; key < _counts.Length; key++)
        {
            if (_counts[key] != 0) rows.Add(new(key, _counts[key]));
        }
        return Workloads.Checksum.OfKeyCounts(rows);
    }
}
