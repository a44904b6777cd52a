using System.Runtime.InteropServices;
using Compiled.Benchmarks.Data;
using Compiled.Benchmarks.Workloads;

namespace Compiled.Benchmarks.Baselines.W2a;

/// <summary>
/// W2a's reference: a Dictionary updated in place through <c>CollectionsMarshal.GetValueRefOrAddDefault</c>,
/// one hash lookup per event; the key set is not known in advance, so the dictionary starts empty.
/// </summary>
internal sealed class W2aDictionaryLoop(Ev[] events) : Variant("Hand-written loop (Dictionary)")
{
    private Dictionary<int, long> _counts = [];

    /// <inheritdoc/>
    public override long Run()
    {
        var counts = new Dictionary<int, long>();
        foreach (ref readonly Ev e in events.AsSpan())
        {
            CollectionsMarshal.GetValueRefOrAddDefault(counts, e.Key, out _)++;
        }
        _counts = counts;
        return counts.Count;
    }

    /// <inheritdoc/>
    public override Checksum Checksum() => Workloads.Checksum.OfKeyCounts(_counts);
}
