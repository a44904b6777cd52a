using Compiled.Benchmarks.Queries;
using Compiled.Benchmarks.Workloads;

namespace Compiled.Benchmarks.PlanPath;

/// <summary>W3's Complete-mode sink: ignores each batch's full result except the last, which it digests.</summary>
internal sealed class WordCountCompleteOutput : IPlanOutput<WordCount>
{
    private Checksum _checksum;

    /// <inheritdoc/>
    public void Reset() => _checksum = default;

    /// <inheritdoc/>
    public void Write(ReadOnlySpan<WordCount> rows, bool isLastBatch)
    {
        if (!isLastBatch) return;
        long total = 0, digest = 0;
        foreach (ref readonly WordCount row in rows)
        {
            total += row.Count;
            digest += Workloads.Checksum.WordTerm(row.Word, row.Count);
        }
        _checksum = new Checksum(rows.Length, total, digest);
    }

    /// <inheritdoc/>
    public Checksum Checksum() => _checksum;
}
