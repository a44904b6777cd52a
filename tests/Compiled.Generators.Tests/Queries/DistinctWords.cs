// Warns: CQ1307 (Distinct without a watermark keeps every word for ever)
namespace Compiled.Generators.Tests.Queries;

/// <summary>Distinct over split words: the span rows become strings for the key, kept for ever (no watermark); then a deduplication after an aggregation.</summary>
[StreamingQuery(OutputMode.Update)]
public static partial class DistinctWords
{
    private static IStream<string> Define(IStream<string> lines) => lines
        .SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        .Distinct()
        .GroupBy(w => w.Length)
        .Select(g => g.Key > 5 ? "long" : "short")
        .Distinct();
}
