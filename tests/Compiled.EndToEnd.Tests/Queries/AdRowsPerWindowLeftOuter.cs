namespace Compiled.EndToEnd.Tests.Queries;

/// <summary>
/// Impressions left-outer-joined with their clicks within 15 minutes, then joined rows (an unclicked impression once,
/// when the watermark evicts it) per campaign in 10-minute tumbling windows of the impression time; Append.
/// </summary>
[StreamingQuery(OutputMode.Append)]
public static partial class AdRowsPerWindowLeftOuter
{
    private static IStream<CampaignWindowClicks> Define(IStream<AdImpression> impressions, IStream<AdClick> clicks) => impressions
        .WithWatermark(i => i.Time, TimeSpan.FromMinutes(30))
        .Join(
            clicks.WithWatermark(c => c.Time, TimeSpan.FromMinutes(30)),
            i => i.Id,
            c => c.ImpressionId,
            (i, c) => new CampaignClick(i.Campaigner, i.Time),
            JoinType.LeftOuter,
            condition: (i, c) => c.Time >= i.Time && c.Time <= i.Time + TimeSpan.FromMinutes(15))
        .GroupBy(m => (Window.Tumbling(m.Time, TimeSpan.FromMinutes(10)), m.Campaigner))
        .Select(g => new CampaignWindowClicks(g.Key.Item1.Start, g.Key.Campaigner, g.LongCount()));
}
