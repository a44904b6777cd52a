namespace Compiled.Generators.Tests.Queries;

/// <summary>A record-struct key with a string, a nullable and an enum member: generated equality and serialisers.</summary>
[StreamingQuery(OutputMode.Complete)]
public static partial class BucketTotals
{
    private static IStream<(BrokerBucket Key, decimal Fees, string MaxType, int Trades)> Define(IStream<Trade> trades) => trades
        .GroupBy(t => new BrokerBucket(t.Broker, t.Amount > 500 ? null : t.Amount / 100, t.Side))
        .Select(g => (g.Key, g.Sum(t => t.Fee), g.Max(t => t.Type), g.Count()));
}

/// <summary>Key of <see cref="BucketTotals"/>.</summary>
public readonly record struct BrokerBucket(string Broker, int? Bucket, Side Side);
