namespace Compiled.Generators.Tests.Queries;

/// <summary>Each impression paired with the later impressions of its campaign within 5 minutes: a stream joined with itself.</summary>
[StreamingQuery(OutputMode.Append)]
public static partial class StreamSelfJoin
{
    private static IStream<ImpressionPair> Define(IStream<Impression> impressions) => impressions
        .WithWatermark(i => i.ImpressionTime, TimeSpan.FromMinutes(10))
        .Join(
            impressions.WithWatermark(i => i.ImpressionTime, TimeSpan.FromMinutes(10)),
            a => a.Campaigner,
            b => b.Campaigner,
            (a, b) => new ImpressionPair(a.ImpressionID, b.ImpressionID),
            JoinType.Inner,
            condition: (a, b) => b.ImpressionTime > a.ImpressionTime && b.ImpressionTime <= a.ImpressionTime + TimeSpan.FromMinutes(5));
}
