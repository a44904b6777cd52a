using Compiled.Benchmarks.Data;
using Compiled.Benchmarks.Workloads;

namespace Compiled.Benchmarks.Baselines.W4;

/// <summary>W4 in System.Linq: <c>Where</c>, <c>Join</c> with the table, <c>CountBy</c> over (window start, campaign).</summary>
internal sealed class W4Linq(AdEvent[] events, AdCampaign[] table) : Variant("System.Linq Join + CountBy")
{
    private Checksum _checksum;

    /// <inheritdoc/>
    public override long Run()
    {
        var digest = new WindowDigest();
        long watermark = events.Length == 0 ? long.MinValue : events.Max(e => e.EventTime) - AdEventData.DelayMs;
        var views = events.Where(e => e.EventType == AdEventData.View)
            .Join(table, e => e.AdId, c => c.AdId, (e, c) => (c.CampaignId, e.EventTime));
        foreach (var ((start, campaign), count) in views.CountBy(v => (v.EventTime - v.EventTime % AdEventData.WindowMs, v.CampaignId)))
        {
            // Only the windows the final watermark has closed, as the other variants emit.
            if (start + AdEventData.WindowMs <= watermark) digest.Add(start, campaign, count, 0);
        }
        _checksum = digest.ToChecksum();
        return _checksum.Groups;
    }

    /// <inheritdoc/>
    public override Checksum Checksum() => _checksum;
}
