namespace Compiled.EndToEnd.Tests.Queries;

/// <summary>The impressions clicked within 15 minutes, each once (left semi join), 30-minute watermarks on both.</summary>
[StreamingQuery(OutputMode.Append)]
public static partial class AdJoinSemi
{
    private static IStream<AdMatch> Define(IStream<AdImpression> impressions, IStream<AdClick> clicks) => impressions
        .WithWatermark(i => i.Time, TimeSpan.FromMinutes(30))
        .SemiJoin(
            clicks.WithWatermark(c => c.Time, TimeSpan.FromMinutes(30)),
            i => i.Id,
            c => c.ImpressionId,
            condition: (i, c) => c.Time >= i.Time && c.Time <= i.Time + TimeSpan.FromMinutes(15))
        .Select(i => new AdMatch(i.Id, i.Campaigner, i.Time, null));
}
