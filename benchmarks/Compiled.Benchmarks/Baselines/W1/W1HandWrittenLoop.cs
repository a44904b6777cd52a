using Compiled.Benchmarks.Data;
using Compiled.Benchmarks.Workloads;

namespace Compiled.Benchmarks.Baselines.W1;

/// <summary>W1 as a performance engineer writes it: one pass over the span, no delegates, no allocation.</summary>
internal sealed class W1HandWrittenLoop(Ev[] events) : Variant("Hand-written loop")
{
    private long _count;
    private long _sum;

    /// <inheritdoc/>
    public override long Run()
    {
        long count = 0, sum = 0;
        foreach (ref readonly Ev e in events.AsSpan())
        {
            if (e.Value < WorkloadSizes.W1ValueLimit)
            {
                count++;
                sum += e.Key * 2L;
            }
        }
        _count = count;
        _sum = sum;
        return count;
    }

    /// <inheritdoc/>
    public override Checksum Checksum() => new(1, _count, _sum);
}
