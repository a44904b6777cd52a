namespace Compiled.Hosting.Tests;

/// <summary>A word and its count.</summary>
public sealed record WordTotal(string Word, long Count);

/// <summary>Counts words over all input: the stateful query the hosting and telemetry tests run.</summary>
[StreamingQuery(OutputMode.Update)]
public static partial class CountWords
{
    static IStream<WordTotal> Define(IStream<string> words) => words
        .Where(w => w.Length > 0)
        .GroupBy(w => w)
        .Select(g => new WordTotal(g.Key, g.LongCount()));
}
