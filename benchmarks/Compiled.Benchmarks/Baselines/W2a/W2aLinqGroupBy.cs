using Compiled.Benchmarks.Data;
using Compiled.Benchmarks.Workloads;

namespace Compiled.Benchmarks.Baselines.W2a;

/// <summary>W2a in System.Linq with <c>GroupBy</c>, which buffers every event in its group before counting.</summary>
internal sealed class W2aLinqGroupBy(Ev[] events) : Variant("System.Linq GroupBy")
{
    private List<KeyValuePair<int, long>> _counts = [];

    /// <inheritdoc/>
    public override long Run()
    {
        _counts = events.GroupBy(e => e.Key).Select(g => new KeyValuePair<int, long>(g.Key, g.Count())).ToList();
        return _counts.Count;
    }

    /// <inheritdoc/>
    public override Checksum Checksum() => Workloads.Checksum.OfKeyCounts(_counts);
}
