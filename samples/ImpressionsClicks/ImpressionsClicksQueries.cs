using Compiled;

namespace ImpressionsClicks;

/// <summary>
/// Each impression with the clicks that came within 15 minutes of it; impressions without one appear once with a
/// <c>null</c> click time, as soon as the clicks' watermark shows none can come any more (the seed's Spark example).
/// </summary>
[StreamingQuery(OutputMode.Append)]
public static partial class ImpressionsClicksLeftOuter
{
    private static IStream<ImpressionClick> Define(IStream<Impression> impressions, IStream<Click> clicks) => impressions
        .WithWatermark(i => i.CreatedTime, TimeSpan.FromMinutes(30))
        .Join(
            clicks.WithWatermark(c => c.CreatedTime, TimeSpan.FromMinutes(30)),
            i => i.ImpressionID,
            c => c.ImpressionID,
            (i, c) => ImpressionClick.Of(i, c),
            JoinType.LeftOuter,
            condition: (i, c) => c.CreatedTime >= i.CreatedTime && c.CreatedTime <= i.CreatedTime + TimeSpan.FromMinutes(15));
}

/// <summary>The same join, inner: only impressions that were clicked within 15 minutes.</summary>
[StreamingQuery(OutputMode.Append)]
public static partial class ImpressionsClicksInner
{
    private static IStream<ImpressionClick> Define(IStream<Impression> impressions, IStream<Click> clicks) => impressions
        .WithWatermark(i => i.CreatedTime, TimeSpan.FromMinutes(30))
        .Join(
            clicks.WithWatermark(c => c.CreatedTime, TimeSpan.FromMinutes(30)),
            i => i.ImpressionID,
            c => c.ImpressionID,
            (i, c) => ImpressionClick.Of(i, c),
            JoinType.Inner,
            condition: (i, c) => c.CreatedTime >= i.CreatedTime && c.CreatedTime <= i.CreatedTime + TimeSpan.FromMinutes(15));
}
