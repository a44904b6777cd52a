namespace Compiled.EndToEnd.Tests.Queries;

/// <summary>A conversion (a purchase) after a click on an impression.</summary>
public sealed record AdConversion(string ImpressionId, DateTime Time, int Value);

/// <summary>A clicked impression with one of its conversions.</summary>
public sealed record AdConverted(string Id, string Campaigner, DateTime ClickTime, DateTime ConvertedTime, int Value);

/// <summary>
/// Two inner stream-stream joins of three inputs on the impression id, without watermarks (every row stays buffered):
/// impressions with their clicks, then the clicked impressions of the first campaigns with their conversions; Append.
/// </summary>
[StreamingQuery(OutputMode.Append)]
public static partial class AdConversionsByKey
{
    private static IStream<AdConverted> Define(IStream<AdImpression> impressions, IStream<AdClick> clicks, IStream<AdConversion> conversions) => impressions
        .Join(clicks, i => i.Id, c => c.ImpressionId, (i, c) => new ClickedImpression(i.Id, i.Campaigner, c.Time))
        .Where(k => k.Campaigner != "campaign-4")
        .Join(conversions, k => k.Id, v => v.ImpressionId, (k, v) => new AdConverted(k.Id, k.Campaigner, k.Time, v.Time, v.Value));
}

/// <summary>
/// Two inner stream-stream joins of three inputs, each within a time range, 5-minute watermarks on all three:
/// impressions with their clicks within 15 minutes, then the clicked impressions with their conversions within 30
/// minutes of the impression; the second join evicts by the first one's output watermark, which trails the query's by
/// 15 minutes (an impression buffered that long can still meet a new click); Append.
/// </summary>
[StreamingQuery(OutputMode.Append)]
public static partial class AdConversionsInRange
{
    private static IStream<AdConverted> Define(IStream<AdImpression> impressions, IStream<AdClick> clicks, IStream<AdConversion> conversions) => impressions
        .WithWatermark(i => i.Time, TimeSpan.FromMinutes(5))
        .Join(
            clicks.WithWatermark(c => c.Time, TimeSpan.FromMinutes(5)),
            i => i.Id,
            c => c.ImpressionId,
            (i, c) => new ClickedImpression(i.Id, i.Campaigner, i.Time),
            JoinType.Inner,
            condition: (i, c) => c.Time >= i.Time && c.Time <= i.Time + TimeSpan.FromMinutes(15))
        .Join(
            conversions.WithWatermark(v => v.Time, TimeSpan.FromMinutes(5)),
            k => k.Id,
            v => v.ImpressionId,
            (k, v) => new AdConverted(k.Id, k.Campaigner, k.Time, v.Time, v.Value),
            JoinType.Inner,
            condition: (k, v) => v.Time >= k.Time && v.Time <= k.Time + TimeSpan.FromMinutes(30));
}
