// Warns: CQ1205 (inner joins without watermarks keep every row of the three inputs for ever)
namespace Compiled.Generators.Tests.Queries;

/// <summary>Two inner stream-stream joins of three inputs on keys alone, without watermarks: every row stays buffered; Append.</summary>
[StreamingQuery(OutputMode.Append)]
public static partial class StreamJoinThreeKeys
{
    private static IStream<ClickConversion> Define(IStream<Impression> impressions, IStream<Click> clicks, IStream<Conversion> conversions) => impressions
        .Join(clicks, i => i.ImpressionID, c => c.ImpressionID, (i, c) => new ImpressionClicked(i.ImpressionID, i.Campaigner, c.ClickTime))
        .Join(conversions, k => k.ImpressionID, v => v.ImpressionID, (k, v) => new ClickConversion(k.ImpressionID, k.Campaigner, k.ClickTime, v.ConvertedTime, v.Value));
}
