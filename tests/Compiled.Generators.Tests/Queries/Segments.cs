namespace Compiled.Generators.Tests.Queries;

/// <summary>A split of split spans, span filters of every supported kind, and a span key.</summary>
[StreamingQuery(OutputMode.Complete)]
public static partial class Segments
{
    private static IStream<WordCount> Define(IStream<string> lines) => lines
        .SelectMany(line => line.Split(';', StringSplitOptions.TrimEntries))
        .SelectMany(segment => segment.Split([' ', ',', '.', '!', '-'], StringSplitOptions.RemoveEmptyEntries))
        .Where(w => w.Length > 1 && w[0] != 'x' && !string.IsNullOrWhiteSpace(w) && w != "the" && w.All(char.IsLetter))
        .Select(w => w.Trim())
        .Where(w => !string.IsNullOrEmpty(w))
        .GroupBy(w => w)
        .Select(g => new WordCount(g.Key, g.LongCount(w => w.Length > 3)));
}
