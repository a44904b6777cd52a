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
