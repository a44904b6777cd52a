namespace Compiled.Generators.Tests.Queries;

/// <summary>A filter calling a user method that takes a string: each word is made a string once, right before it.</summary>
[StreamingQuery(OutputMode.Complete)]
public static partial class StringMethodWords
{
    private static IStream<WordCount> Define(IStream<string> lines) => lines
        .SelectMany(line => line.Split(' ', ','))
        .Where(word => WordRules.HasLetterOrDigit(word))
        .Select(word => word.ToLowerInvariant())
        .Where(word => WordRules.IsLong(word))
        .GroupBy(word => word)
        .Select(g => new WordCount(g.Key, g.LongCount()));
}
