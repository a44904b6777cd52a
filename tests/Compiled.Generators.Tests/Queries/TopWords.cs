namespace Compiled.Generators.Tests.Queries;

/// <summary>Stages after the aggregation: filter and format the groups.</summary>
[StreamingQuery(OutputMode.Complete)]
public static partial class TopWords
{
    private static IStream<string> Define(IStream<string> lines) => lines
        .SelectMany(line => line.Split(new[] { ' ', ',', ';', '.' }, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        .Where(word => word.Length > 2)
        .GroupBy(word => word.ToUpperInvariant())
        .Select(g => new WordCount(g.Key, g.LongCount()))
        .Where(c => c.Count >= 3)
        .Select(c => c.Word + ":" + c.Count);
}
