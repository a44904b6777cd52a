namespace Compiled.Generators.Tests.Queries;

/// <summary>W1: filter and project a struct stream.</summary>
[StreamingQuery(OutputMode.Append)]
public static partial class FilterProject
{
    private static IStream<long> Define(IStream<Ev> events) => events
        .Where(e => e.Value < 500)
        .Select(e => e.Key * 2L);
}
