using System.Reactive.Linq;
using Compiled.Benchmarks.Data;
using Compiled.Benchmarks.Workloads;

namespace Compiled.Benchmarks.Baselines.W1;

/// <summary>W1 in Rx.NET: an observable pushing the array synchronously, then Where/Select/Aggregate.</summary>
internal sealed class W1Rx(Ev[] events) : Variant("Rx.NET Where/Select/Aggregate")
{
    private (long Count, long Sum) _result;

    /// <inheritdoc/>
    public override long Run()
    {
        using var subscription = RxSources.FromArray(events)
            .Where(e => e.Value < WorkloadSizes.W1ValueLimit)
            .Select(e => e.Key * 2L)
            .Aggregate((Count: 0L, Sum: 0L), static (acc, x) => (acc.Count + 1, acc.Sum + x))
            .Subscribe(result => _result = result);
        return _result.Count;
    }

    /// <inheritdoc/>
    public override Checksum Checksum() => new(1, _result.Count, _result.Sum);
}
