namespace Compiled.Generators.Tests.Queries;

/// <summary>Impressions joined with their clicks within 15 minutes, then clicks per campaign in 10-minute windows of the click time; Append.</summary>
[StreamingQuery(OutputMode.Append)]
public static partial class StreamJoinWindowCount
{
    private static IStream<CampaignClicks> Define(IStream<Impression> impressions, IStream<Click> clicks) => impressions
        .WithWatermark(i => i.ImpressionTime, TimeSpan.FromMinutes(30))
        .Join(
            clicks.WithWatermark(c => c.ClickTime, TimeSpan.FromMinutes(30)),
            i => i.ImpressionID,
            c => c.ImpressionID,
            (i, c) => new ClickedImpression(i.Campaigner, c.ClickTime),
            JoinType.Inner,
            condition: (i, c) => c.ClickTime >= i.ImpressionTime && c.ClickTime <= i.ImpressionTime + TimeSpan.FromMinutes(15))
        .GroupBy(m => (Window.Tumbling(m.ClickTime, TimeSpan.FromMinutes(10)), m.Campaigner))
        .Select(g => new CampaignClicks(g.Key.Item1.Start, g.Key.Item1.End, g.Key.Campaigner, g.LongCount()));
}
