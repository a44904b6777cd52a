using Compiled.Benchmarks.Data;

namespace Compiled.Benchmarks.Queries;

/// <summary>J1 as a Compiled query: impressions inner-joined with their clicks within 15 minutes, 30-minute watermarks on both.</summary>
[StreamingQuery(OutputMode.Append)]
internal static partial class J1ImpressionsClicksQuery
{
    private static IStream<ImpressionClick> Define(IStream<Impression> impressions, IStream<Click> clicks) => impressions
        .WithWatermark(i => i.Time, TimeSpan.FromMinutes(30))
        .Join(
            clicks.WithWatermark(c => c.Time, TimeSpan.FromMinutes(30)),
            i => i.ImpressionId,
            c => c.ImpressionId,
            (i, c) => new ImpressionClick(i.ImpressionId, i.Time, c.Time),
            JoinType.Inner,
            condition: (i, c) => c.Time >= i.Time && c.Time <= i.Time + TimeSpan.FromMinutes(15));
}
