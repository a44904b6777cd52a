namespace Compiled.Generators.Tests.Queries;

/// <summary>Maps and filters that may all run on rejected rows: written without a branch, counted when both filters keep a row.</summary>
[StreamingQuery(OutputMode.Append)]
public static partial class BranchFreeFilters
{
    private static IStream<long> Define(IStream<Ev> events) => events
        .Select(e => e.Value - e.Key)
        .Where(d => d > 10)
        .Select(d => d * 3L + (d & 1))
        .Where(x => x % 2 == 0);
}
