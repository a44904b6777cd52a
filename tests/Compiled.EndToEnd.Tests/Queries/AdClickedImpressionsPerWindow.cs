namespace Compiled.EndToEnd.Tests.Queries;

/// <summary>
/// Impressions joined (Inner) with their clicks within 15 minutes, each clicked impression kept once
/// (<c>DropDuplicates</c> on its id), then clicked impressions per campaign in 10-minute windows of the impression time.
/// </summary>
[StreamingQuery(OutputMode.Append)]
public static partial class AdClickedImpressionsPerWindow
{
    private static IStream<CampaignWindowClicks> Define(IStream<AdImpression> impressions, IStream<AdClick> clicks) => impressions
        .WithWatermark(i => i.Time, TimeSpan.FromMinutes(30))
        .Join(
            clicks.WithWatermark(c => c.Time, TimeSpan.FromMinutes(30)),
            i => i.Id,
            c => c.ImpressionId,
            (i, c) => new ClickedImpression(i.Id, i.Campaigner, i.Time),
            JoinType.Inner,
            condition: (i, c) => c.Time >= i.Time && c.Time <= i.Time + TimeSpan.FromMinutes(15))
        .DropDuplicates(m => m.Id)
        .GroupBy(m => (Window.Tumbling(m.Time, TimeSpan.FromMinutes(10)), m.Campaigner))
        .Select(g => new CampaignWindowClicks(g.Key.Item1.Start, g.Key.Campaigner, g.LongCount()));
}
