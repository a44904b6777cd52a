namespace Compiled.Generators.Tests.Queries;

/// <summary>
/// Two inner stream-stream joins of three inputs: impressions with their clicks within 15 minutes, then the clicked
/// impressions with their conversions within an hour of the click; 30-minute watermarks on all three; Append.
/// </summary>
[StreamingQuery(OutputMode.Append)]
public static partial class StreamJoinThreeInputs
{
    private static IStream<ClickConversion> Define(IStream<Impression> impressions, IStream<Click> clicks, IStream<Conversion> conversions) => impressions
        .WithWatermark(i => i.ImpressionTime, TimeSpan.FromMinutes(30))
        .Join(
            clicks.WithWatermark(c => c.ClickTime, TimeSpan.FromMinutes(30)),
            i => i.ImpressionID,
            c => c.ImpressionID,
            (i, c) => new ImpressionClicked(i.ImpressionID, i.Campaigner, c.ClickTime),
            JoinType.Inner,
            condition: (i, c) => c.ClickTime >= i.ImpressionTime && c.ClickTime <= i.ImpressionTime + TimeSpan.FromMinutes(15))
        .Where(k => k.Campaigner.Length > 0)
        .Join(
            conversions.WithWatermark(v => v.ConvertedTime, TimeSpan.FromMinutes(30)),
            k => k.ImpressionID,
            v => v.ImpressionID,
            (k, v) => new ClickConversion(k.ImpressionID, k.Campaigner, k.ClickTime, v.ConvertedTime, v.Value),
            JoinType.Inner,
            condition: (k, v) => v.ConvertedTime >= k.ClickTime && v.ConvertedTime <= k.ClickTime + TimeSpan.FromHours(1));
}
