using System.Runtime.InteropServices;
using Compiled.Benchmarks.Data;
using Compiled.Benchmarks.Workloads;

namespace Compiled.Benchmarks.Baselines.W2;

/// <summary>
/// W2's reference: the events come in time order, so one Dictionary holds the open window's counts; when an event
/// falls past its end, the window is emitted (into the digest) and the dictionary cleared.
/// </summary>
internal sealed class W2DictionaryLoop(Ev[] events) : Variant("Hand-written loop (Dictionary)")
{
    private Checksum _checksum;

    /// <inheritdoc/>
    public override long Run()
    {
        var counts = new Dictionary<int, long>();
        var digest = new WindowDigest();
        long start = 0, end = long.MinValue;
        foreach (ref readonly Ev e in events.AsSpan())
        {
            if (e.Time >= end)
            {
                Emit(counts, start, ref digest);
                start = e.Time - e.Time % WorkloadSizes.W2WindowMs;
                end = start + WorkloadSizes.W2WindowMs;
            }
            CollectionsMarshal.GetValueRefOrAddDefault(counts, e.Key, out _)++;
        }
        // The last window stays open: the watermark (the last event's time) has not passed its end.
        _checksum = digest.ToChecksum();
        return _checksum.Groups;
    }

    /// <inheritdoc/>
    public override Checksum Checksum() => _checksum;

    private static void Emit(Dictionary<int, long> counts, long start, ref WindowDigest digest)
    {
        foreach (var (key, count) in counts) digest.Add(start, key, count, 0);
        counts.Clear();
    }
}
