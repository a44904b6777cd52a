using Compiled.Benchmarks.Queries;
using Compiled.Benchmarks.Workloads;

namespace Compiled.Benchmarks.PlanPath;

/// <summary>W2a's Complete-mode sink: ignores each batch's full result except the last, which it digests.</summary>
internal sealed class KeyCountCompleteOutput : IPlanOutput<KeyCount>
{
    private Checksum _checksum;

    /// <inheritdoc/>
    public void Reset() => _checksum = default;

    /// <inheritdoc/>
    public void Write(ReadOnlySpan<KeyCount> rows, bool isLastBatch)
    {
        if (!isLastBatch) return;
        long total = 0, digest = 0;
        foreach (ref readonly KeyCount row in rows)
        {
            total += row.Count;
            digest += Workloads.Checksum.KeyTerm(row.Key, row.Count);
        }
        _checksum = new Checksum(rows.Length, total, digest);
    }

    /// <inheritdoc/>
    public Checksum Checksum() => _checksum;
}
