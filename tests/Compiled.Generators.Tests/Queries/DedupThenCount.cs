namespace Compiled.Generators.Tests.Queries;

/// <summary>Two stateful operators in a chain: a deduplication whose key holds the event time (evicted by the watermark), then a count per broker.</summary>
[StreamingQuery(OutputMode.Update)]
public static partial class DedupThenCount
{
    private static IStream<WordCount> Define(IStream<Trade> trades) => trades
        .WithWatermark(t => t.Time, TimeSpan.FromSeconds(10))
        .DropDuplicates(t => (t.Broker, t.Time))
        .Where(t => t.Amount > 0)
        .GroupBy(t => t.Broker)
        .Select(g => new WordCount(g.Key, g.LongCount()));
}
