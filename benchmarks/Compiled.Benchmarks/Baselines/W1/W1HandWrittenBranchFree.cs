using Compiled.Benchmarks.Data;
using Compiled.Benchmarks.Workloads;

namespace Compiled.Benchmarks.Baselines.W1;

/// <summary>
/// W1 written without a data-dependent branch: half of the rows pass the filter at random, so the plain loop
/// mispredicts about every other row. This is the tougher hand-written reference for the generated loop,
/// which is branch-free too.
/// </summary>
internal sealed class W1HandWrittenBranchFree(Ev[] events) : Variant("Hand-written loop, branch-free")
{
    private long _count;
    private long _sum;

    /// <inheritdoc/>
    public override long Run()
    {
        long count = 0, sum = 0;
        foreach (ref readonly Ev e in events.AsSpan())
        {
            long keep = e.Value < WorkloadSizes.W1ValueLimit ? 1 : 0;
            count += keep;
            sum += (e.Key * 2L) & -keep;
        }
        _count = count;
        _sum = sum;
        return count;
    }

    /// <inheritdoc/>
    public override Checksum Checksum() => new(1, _count, _sum);
}
