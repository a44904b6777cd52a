using Compiled.Benchmarks.Data;

namespace Compiled.Benchmarks.Queries;

/// <summary>
/// W4, the Yahoo streaming benchmark, as a Compiled query: keep views, join the static ad-to-campaign table, count per
/// campaign in 10 s tumbling windows under a 1 s watermark, Append.
/// </summary>
[StreamingQuery(OutputMode.Append)]
internal static partial class W4YahooQuery
{
    private static IStream<WindowKeyCount> Define(IStream<AdEvent> events, StaticTable<AdCampaign> campaigns) => events
        .WithWatermark(e => e.EventTime, TimeSpan.FromSeconds(1))
        .Where(e => e.EventType == AdEventData.View)
        .Join(campaigns, e => e.AdId, c => c.AdId, (e, c) => new CampaignView(c.CampaignId, e.EventTime))
        .GroupBy(v => (Window.Tumbling(v.EventTime, TimeSpan.FromSeconds(10)), v.CampaignId))
        .Select(g => new WindowKeyCount(g.Key.Item1.StartMs, g.Key.CampaignId, g.LongCount(), 0));
}
