using Compiled.Benchmarks.Data;
using Compiled.Benchmarks.Workloads;

namespace Compiled.Benchmarks.Baselines.W2;

/// <summary>W2 in System.Linq: <c>CountBy</c> over (window start, key).</summary>
internal sealed class W2LinqCountBy(Ev[] events) : Variant("System.Linq CountBy")
{
    private Checksum _checksum;

    /// <inheritdoc/>
    public override long Run()
    {
        var digest = new WindowDigest();
        long watermark = events.Length == 0 ? long.MinValue : events.Max(e => e.Time);
        foreach (var ((start, key), count) in events.CountBy(e => (e.Time - e.Time % WorkloadSizes.W2WindowMs, e.Key)))
        {
            // Only the windows the watermark (the last event's time) has closed, as the other variants emit.
            if (start + WorkloadSizes.W2WindowMs <= watermark) digest.Add(start, key, count, 0);
        }
        _checksum = digest.ToChecksum();
        return _checksum.Groups;
    }

    /// <inheritdoc/>
    public override Checksum Checksum() => _checksum;
}
