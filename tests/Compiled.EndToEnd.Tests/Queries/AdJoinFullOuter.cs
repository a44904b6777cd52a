namespace Compiled.EndToEnd.Tests.Queries;

/// <summary>Impressions joined (FullOuter) with clicks within 15 minutes after them, 30-minute watermarks on both.</summary>
[StreamingQuery(OutputMode.Append)]
public static partial class AdJoinFullOuter
{
    private static IStream<AdMatch> Define(IStream<AdImpression> impressions, IStream<AdClick> clicks) => impressions
        .WithWatermark(i => i.Time, TimeSpan.FromMinutes(30))
        .Join(
            clicks.WithWatermark(c => c.Time, TimeSpan.FromMinutes(30)),
            i => i.Id,
            c => c.ImpressionId,
            (i, c) => new AdMatch(i == null ? c.ImpressionId : i.Id, i == null ? null : i.Campaigner, i == null ? null : i.Time, c == null ? null : c.Time),
            JoinType.FullOuter,
            condition: (i, c) => c.Time >= i.Time && c.Time <= i.Time + TimeSpan.FromMinutes(15));
}
