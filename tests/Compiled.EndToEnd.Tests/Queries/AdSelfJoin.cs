namespace Compiled.EndToEnd.Tests.Queries;

/// <summary>
/// Each impression left-outer-joined with the later impressions of its campaign within 5 minutes: one input joined with
/// itself, a 10-minute watermark on both sides. An impression followed by none is written once, with a null second.
/// </summary>
[StreamingQuery(OutputMode.Append)]
public static partial class AdSelfJoin
{
    private static IStream<AdPair> Define(IStream<AdImpression> impressions) => impressions
        .WithWatermark(i => i.Time, TimeSpan.FromMinutes(10))
        .Join(
            impressions.WithWatermark(i => i.Time, TimeSpan.FromMinutes(10)),
            a => a.Campaigner,
            b => b.Campaigner,
            (a, b) => new AdPair(a.Id, b == null ? null : b.Id),
            JoinType.LeftOuter,
            condition: (a, b) => b.Time > a.Time && b.Time <= a.Time + TimeSpan.FromMinutes(5));
}
