using Compiled.Benchmarks.Data;
using Compiled.Benchmarks.Workloads;

namespace Compiled.Benchmarks.PlanPath;

/// <summary>J1's sink: counts the joined rows and digests each as it arrives (an Append query emits each pair once).</summary>
internal sealed class JoinPairsOutput : IPlanOutput<ImpressionClick>
{
    private long _pairs;
    private long _digest;

    /// <inheritdoc/>
    public void Reset() => (_pairs, _digest) = (0, 0);

    /// <inheritdoc/>
    public void Write(ReadOnlySpan<ImpressionClick> rows, bool isLastBatch)
    {
        foreach (ref readonly ImpressionClick row in rows)
        {
            _digest += Workloads.Checksum.PairTerm(row.ImpressionId, row.ClickTime);
        }
        _pairs += rows.Length;
    }

    /// <inheritdoc/>
    public Checksum Checksum() => new(_pairs, _pairs, _digest);
}
