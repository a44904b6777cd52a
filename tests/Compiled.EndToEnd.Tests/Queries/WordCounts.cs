namespace Compiled.EndToEnd.Tests.Queries;

/// <summary>Word count over lines, whole result after every batch.</summary>
[StreamingQuery(OutputMode.Complete)]
public static partial class WordCounts
{
    private static IStream<WordFrequency> Define(IStream<string> lines) => lines
        .SelectMany(line => line.Split(' ', ','))
        .Select(word => word.ToLowerInvariant())
        .Where(word => word.Any(char.IsLetterOrDigit))
        .GroupBy(word => word)
        .Select(g => new WordFrequency(g.Key, g.LongCount()));
}
