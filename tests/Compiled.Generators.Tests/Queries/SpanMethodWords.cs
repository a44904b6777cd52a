namespace Compiled.Generators.Tests.Queries;

/// <summary>Filters calling user methods that take <c>ReadOnlySpan&lt;char&gt;</c>: split words reach them as spans, no string per word.</summary>
[StreamingQuery(OutputMode.Complete)]
public static partial class SpanMethodWords
{
    private static IStream<WordCount> Define(IStream<string> lines) => lines
        .SelectMany(line => line.Split(' ', ','))
        .Select(word => word.ToLowerInvariant())
        .Where(word => WordRules.HasLetterOrDigit(word))
        .Where(word => !word.EndsWithPunctuation() && WordRules.Weight(text: word, bonus: 1) > 2)
        .GroupBy(word => word)
        .Select(g => new WordCount(g.Key, g.LongCount()));
}
