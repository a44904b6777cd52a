using Compiled.Benchmarks.Data;
using Compiled.Benchmarks.Queries;
using Compiled.Benchmarks.Workloads;

namespace Compiled.Benchmarks.PlanPath;

/// <summary>W2a's Update-mode sink: upserts each changed key's count into an array slot, the cheapest upsert there is.</summary>
internal sealed class KeyCountUpdateOutput : IPlanOutput<KeyCount>
{
    private readonly long[] _latest = new long[WorkloadSizes.Keys];

    /// <inheritdoc/>
    public void Reset() => Array.Clear(_latest);

    /// <inheritdoc/>
    public void Write(ReadOnlySpan<KeyCount> rows, bool isLastBatch)
    {
        foreach (ref readonly KeyCount row in rows) _latest[row.Key] = row.Count;
    }

    /// <inheritdoc/>
    public Checksum Checksum()
    {
        var rows = new List<KeyValuePair<int, long>>();
        for (int key = 0; key < _latest.Length; key++)
        {
            if (_latest[key] != 0) rows.Add(new(key, _latest[key]));
        }
        return Workloads.Checksum.OfKeyCounts(rows);
    }
}
