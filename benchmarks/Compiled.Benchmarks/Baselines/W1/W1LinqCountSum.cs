using Compiled.Benchmarks.Data;
using Compiled.Benchmarks.Workloads;

namespace Compiled.Benchmarks.Baselines.W1;

/// <summary>W1 as a .NET developer writes it first: <c>LongCount()</c> and <c>Sum()</c> of one query, two passes.</summary>
internal sealed class W1LinqCountSum(Ev[] events) : Variant("System.Linq Where/Select/LongCount/Sum")
{
    private long _count;
    private long _sum;

    /// <inheritdoc/>
    public override long Run()
    {
        var survivors = events.Where(e => e.Value < WorkloadSizes.W1ValueLimit).Select(e => e.Key * 2L);
        _count = survivors.LongCount();
        _sum = survivors.Sum();
        return _count;
    }

    /// <inheritdoc/>
    public override Checksum Checksum() => new(1, _count, _sum);
}
