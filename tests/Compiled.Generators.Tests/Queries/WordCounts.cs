namespace Compiled.Generators.Tests.Queries;

/// <summary>W3: split, lowercase, keep words with a letter or digit, count per word.</summary>
[StreamingQuery(OutputMode.Complete)]
public static partial class WordCounts
{
    private static IStream<WordCount> Define(IStream<string> lines) => lines
        .SelectMany(line => line.Split(' ', ','))
        .Select(word => word.ToLowerInvariant())
        .Where(word => word.Any(char.IsLetterOrDigit))
        .GroupBy(word => word)
        .Select(g => new WordCount(g.Key, g.LongCount()));
}
