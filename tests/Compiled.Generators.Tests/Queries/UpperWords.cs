namespace Compiled.Generators.Tests.Queries;

/// <summary>Span rows that must become strings for the sink.</summary>
[StreamingQuery(OutputMode.Append)]
public static partial class UpperWords
{
    private static IStream<string> Define(IStream<string> lines) => lines
        .SelectMany(line => line.Split(' '))
        .Where(w => w.Length > 0)
        .Select(w => w.ToUpperInvariant());
}
