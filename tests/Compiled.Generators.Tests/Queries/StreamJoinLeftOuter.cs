namespace Compiled.Generators.Tests.Queries;

/// <summary>Impressions left-outer-joined with their clicks within 15 minutes, 30-minute watermarks on both (the seed's query).</summary>
[StreamingQuery(OutputMode.Append)]
public static partial class StreamJoinLeftOuter
{
    private static IStream<ImpressionClick> Define(IStream<Impression> impressions, IStream<Click> clicks) => impressions
        .WithWatermark(i => i.ImpressionTime, TimeSpan.FromMinutes(30))
        .Join(
            clicks.WithWatermark(c => c.ClickTime, TimeSpan.FromMinutes(30)),
            i => i.ImpressionID,
            c => c.ImpressionID,
            (i, c) => new ImpressionClick(i.ImpressionID, i.Campaigner, i.ImpressionTime, c == null ? null : c.ClickTime),
            JoinType.LeftOuter,
            condition: (i, c) => c.ClickTime >= i.ImpressionTime && c.ClickTime <= i.ImpressionTime + TimeSpan.FromMinutes(15));
}
