namespace Compiled.Generators.Tests.Queries;

/// <summary>MapGroupsWithState grouped by a Nullable&lt;int&gt; key: a running count per region, the unknown region (null) included.</summary>
[StreamingQuery(OutputMode.Update)]
public static partial class VisitsPerRegion
{
    private static IStream<RegionVisits> Define(IStream<Visit> visits) => visits
        .GroupBy(v => v.Region)
        .MapGroupsWithState<long, RegionVisits>(GroupStateTimeout.NoTimeout, (region, rows, state) =>
        {
            state.Update(state.GetOrDefault(0) + rows.Count());
            return new RegionVisits(region, state.Get());
        });
}
