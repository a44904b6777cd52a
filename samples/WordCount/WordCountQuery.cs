using Compiled;

namespace WordCount;

/// <summary>One word and how often it has been seen over all input so far.</summary>
public sealed record WordFrequency(string Word, long Count);

/// <summary>
/// Spark's first example: split lines on ' ' and ',', lowercase, keep words with a letter, digit or
/// underscore, count per word over all time. Complete mode: every batch prints the whole table.
/// </summary>
[StreamingQuery(OutputMode.Complete, Name = "WordCount")]
public static partial class WordCountQuery
{
    static IStream<WordFrequency> Define(IStream<string> lines) => lines
        .SelectMany(line => line.Split(' ', ','))
        .Select(word => word.ToLowerInvariant())
        .Where(word => IsWord(word))
        .GroupBy(word => word)
        .Select(g => new WordFrequency(g.Key, g.LongCount()));

    private static bool IsWord(string text)
    {
        foreach (char c in text)
        {
            if (char.IsLetterOrDigit(c) || c == '_') return true;
        }
        return false;
    }
}
