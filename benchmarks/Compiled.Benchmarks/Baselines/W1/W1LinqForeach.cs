using Compiled.Benchmarks.Data;
using Compiled.Benchmarks.Workloads;

namespace Compiled.Benchmarks.Baselines.W1;

/// <summary>W1 in System.Linq, counted and summed in one foreach over <c>Where(...).Select(...)</c>.</summary>
internal sealed class W1LinqForeach(Ev[] events) : Variant("System.Linq Where/Select, one foreach")
{
    private long _count;
    private long _sum;

    /// <inheritdoc/>
    public override long Run()
    {
        long count = 0, sum = 0;
        foreach (long x in events.Where(e => e.Value < WorkloadSizes.W1ValueLimit).Select(e => e.Key * 2L))
        {
            count++;
            sum += x;
        }
        _count = count;
        _sum = sum;
        return count;
    }

    /// <inheritdoc/>
    public override Checksum Checksum() => new(1, _count, _sum);
}
