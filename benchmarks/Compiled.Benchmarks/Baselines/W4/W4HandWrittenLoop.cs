using Compiled.Benchmarks.Data;
using Compiled.Benchmarks.Workloads;

namespace Compiled.Benchmarks.Baselines.W4;

/// <summary>
/// W4's reference: the ad table as an array from ad to campaign, one count array per campaign for the open window; the
/// events come in time order, so a window is emitted when an event falls past its end (the watermark, 1 s behind the
/// newest event, has then passed it by the time the run ends) and the last window stays open.
/// </summary>
internal sealed class W4HandWrittenLoop(AdEvent[] events, AdCampaign[] table) : Variant("Hand-written loop (arrays)")
{
    private Checksum _checksum;

    /// <inheritdoc/>
    public override long Run()
    {
        var campaignOf = new int[AdEventData.Ads];
        Array.Fill(campaignOf, -1);
        foreach (var row in table) campaignOf[row.AdId] = row.CampaignId;
        var counts = new long[AdEventData.Campaigns];
        var digest = new WindowDigest();
        long start = 0, end = long.MinValue;
        foreach (ref readonly AdEvent e in events.AsSpan())
        {
            if (e.EventType != AdEventData.View) continue;
            int campaign = campaignOf[e.AdId];
            if (campaign < 0) continue;
            if (e.EventTime >= end)
            {
                Emit(counts, start, ref digest);
                start = e.EventTime - e.EventTime % AdEventData.WindowMs;
                end = start + AdEventData.WindowMs;
            }
            counts[campaign]++;
        }
        _checksum = digest.ToChecksum();
        return _checksum.Groups;
    }

    /// <inheritdoc/>
    public override Checksum Checksum() => _checksum;

    private static void Emit(long[] counts, long start, ref WindowDigest digest)
    {
        for (int campaign = 0; campaign < counts.Length; campaign++)
        {
            if (counts[campaign] > 0) digest.Add(start, campaign, counts[campaign], 0);
        }
        Array.Clear(counts);
    }
}
