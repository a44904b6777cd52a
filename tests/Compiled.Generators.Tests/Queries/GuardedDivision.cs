namespace Compiled.Generators.Tests.Queries;

/// <summary>A map that throws on rows the filter rejects: it must not run on them, so the loop keeps its branch.</summary>
[StreamingQuery(OutputMode.Append)]
public static partial class GuardedDivision
{
    private static IStream<int> Define(IStream<Ev> events) => events
        .Where(e => e.Value % 10 != 0)
        .Select(e => 1000 / (e.Value % 10));
}
