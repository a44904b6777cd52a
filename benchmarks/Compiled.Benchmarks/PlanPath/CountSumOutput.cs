using Compiled.Benchmarks.Workloads;

namespace Compiled.Benchmarks.PlanPath;

/// <summary>W1's sink: counts and sums the appended survivors, as the baselines do.</summary>
internal sealed class CountSumOutput : IPlanOutput<long>
{
    private long _count;
    private long _sum;

    /// <inheritdoc/>
    public void Reset() => (_count, _sum) = (0, 0);

    /// <inheritdoc/>
    public void Write(ReadOnlySpan<long> rows, bool isLastBatch)
    {
        long sum = 0;
        foreach (long x in rows) sum += x;
        _count += rows.Length;
        _sum += sum;
    }

    /// <inheritdoc/>
    public Checksum Checksum() => new(1, _count, _sum);
}
