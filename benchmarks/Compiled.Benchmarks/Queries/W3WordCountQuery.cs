namespace Compiled.Benchmarks.Queries;

/// <summary>W3 as a Compiled query in Complete mode: split, lower-case, keep words with a letter or digit, count.</summary>
[StreamingQuery(OutputMode.Complete)]
internal static partial class W3WordCountQuery
{
    private static IStream<WordCount> Define(IStream<string> lines) => lines
        .SelectMany(line => line.Split(' ', ','))
        .Select(word => word.ToLowerInvariant())
        .Where(word => word.Any(char.IsLetterOrDigit))
        .GroupBy(word => word)
        .Select(g => new WordCount(g.Key, g.LongCount()));
}
