using Compiled.Benchmarks.Data;
using Compiled.Benchmarks.Workloads;

namespace Compiled.Benchmarks.Baselines.W2a;

/// <summary>W2a in System.Linq with <c>CountBy</c> (.NET 9), which counts without buffering the events.</summary>
internal sealed class W2aLinqCountBy(Ev[] events) : Variant("System.Linq CountBy")
{
    private List<KeyValuePair<int, int>> _counts = [];

    /// <inheritdoc/>
    public override long Run()
    {
        _counts = events.CountBy(e => e.Key).ToList();
        return _counts.Count;
    }

    /// <inheritdoc/>
    public override Checksum Checksum() =>
        Workloads.Checksum.OfKeyCounts(_counts.Select(kv => new KeyValuePair<int, long>(kv.Key, kv.Value)));
}
