using Compiled.Benchmarks.Queries;

namespace Compiled.Benchmarks.W5;

/// <summary>W3's word count over W5's JSON records, in Update mode: each batch writes the words it changed.</summary>
[StreamingQuery(OutputMode.Update)]
internal static partial class W5WordCountQuery
{
    private static IStream<WordCount> Define(IStream<TextLine> lines) => lines
        .SelectMany(line => line.Text.Split(' ', ','))
        .Select(word => word.ToLowerInvariant())
        .Where(word => word.Any(char.IsLetterOrDigit))
        .GroupBy(word => word)
        .Select(g => new WordCount(g.Key, g.LongCount()));
}
