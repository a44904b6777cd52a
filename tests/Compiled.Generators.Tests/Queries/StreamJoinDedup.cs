// Warns: CQ1307 (the deduplication's key holds no event time, so its state grows for ever)
namespace Compiled.Generators.Tests.Queries;

/// <summary>Impressions joined with their clicks, then the first click of each campaign only: a deduplication of the joined rows.</summary>
[StreamingQuery(OutputMode.Append)]
public static partial class StreamJoinDedup
{
    private static IStream<ClickedImpression> Define(IStream<Impression> impressions, IStream<Click> clicks) => impressions
        .WithWatermark(i => i.ImpressionTime, TimeSpan.FromMinutes(30))
        .Join(
            clicks.WithWatermark(c => c.ClickTime, TimeSpan.FromMinutes(30)),
            i => i.ImpressionID,
            c => c.ImpressionID,
            (i, c) => new ClickedImpression(i.Campaigner, c.ClickTime),
            JoinType.Inner,
            condition: (i, c) => c.ClickTime >= i.ImpressionTime && c.ClickTime <= i.ImpressionTime + TimeSpan.FromMinutes(15))
        .DropDuplicates(m => m.Campaigner);
}
