using System.Reactive.Linq;
using Compiled.Benchmarks.Data;
using Compiled.Benchmarks.Workloads;

namespace Compiled.Benchmarks.Baselines.W2a;

/// <summary>W2a in Rx.NET: <c>GroupBy</c> into one subject per key, each counted with <c>LongCount</c>.</summary>
internal sealed class W2aRx(Ev[] events) : Variant("Rx.NET GroupBy/LongCount")
{
    private List<KeyValuePair<int, long>> _counts = [];

    /// <inheritdoc/>
    public override long Run()
    {
        var counts = new List<KeyValuePair<int, long>>();
        using var subscription = RxSources.FromArray(events)
            .GroupBy(e => e.Key)
            .SelectMany(g => g.LongCount().Select(count => new KeyValuePair<int, long>(g.Key, count)))
            .Subscribe(counts.Add);
        _counts = counts;
        return counts.Count;
    }

    /// <inheritdoc/>
    public override Checksum Checksum() => Workloads.Checksum.OfKeyCounts(_counts);
}
