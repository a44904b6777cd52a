using System.Runtime.InteropServices;
using Compiled.Benchmarks.Data;
using Compiled.Benchmarks.Workloads;

namespace Compiled.Benchmarks.Baselines.W2b;

/// <summary>
/// W2b's reference: events in time order, one Dictionary of (count, sum) for the open 10-second window, emitted and
/// cleared when an event falls past its end.
/// </summary>
internal sealed class W2bDictionaryLoop(Ev[] events) : Variant("Hand-written loop (Dictionary)")
{
    private Checksum _checksum;

    /// <inheritdoc/>
    public override long Run()
    {
        var totals = new Dictionary<int, (long Count, long Sum)>();
        var digest = new WindowDigest();
        long start = 0, end = long.MinValue;
        foreach (ref readonly Ev e in events.AsSpan())
        {
            if (e.Time >= end)
            {
                foreach (var (key, total) in totals) digest.Add(start, key, total.Count, total.Sum);
                totals.Clear();
                start = e.Time - e.Time % WorkloadSizes.W2bWindowMs;
                end = start + WorkloadSizes.W2bWindowMs;
            }
            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(totals, e.Key, out _);
            slot.Count++;
            slot.Sum += e.Value;
        }
        // The last window stays open: the watermark (the last event's time) has not passed its end.
        _checksum = digest.ToChecksum();
        return _checksum.Groups;
    }

    /// <inheritdoc/>
    public override Checksum Checksum() => _checksum;
}
