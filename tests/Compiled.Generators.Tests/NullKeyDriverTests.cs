using Compiled.Generators.Tests.Queries;
using Compiled.Testing.KeyedState;

namespace Compiled.Generators.Tests;

/// <summary>
/// Keys that may be null (<c>string?</c>, <c>int?</c>) in the generated deduplication, MapGroupsWithState and
/// UpdateStateByKey: a null key is one key, as in Spark. Random visits, a third of them with a null user or region, run
/// batch by batch on the test drivers and compared with the references of <c>tests/Shared/KeyedState</c>.
/// </summary>
public sealed class NullKeyDriverTests
{
    [Fact]
    public void A_null_key_is_one_key()
    {
        using var users = new FirstVisitPerUser.TestDriver();
        using var regions = new VisitsPerRegion.TestDriver();
        var visits = new[] { new Visit(null, null, "/a"), new Visit("ana", 1, "/b"), new Visit(null, null, "/c") };
        users.AddVisits(visits);
        regions.AddVisits(visits);
        Assert.Equal([visits[0], visits[1]], users.RunBatch().Rows);
        Assert.Equal([new RegionVisits(null, 2), new RegionVisits(1, 1)], regions.RunBatch().Rows.OrderBy(r => r.Region ?? -1));
        users.AddVisits(new Visit(null, 2, "/d"));
        regions.AddVisits(new Visit(null, null, "/d"));
        Assert.Empty(users.RunBatch().Rows);
        Assert.Equal([new RegionVisits(null, 3)], regions.RunBatch().Rows);
        Assert.Equal(2, Assert.Single(users.Batches[^1].Progress.StateOperators).NumRowsTotal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Random_visits_with_null_keys_match_the_references(int seed)
    {
        var random = new Random(seed);
        using var firstPerUser = new FirstVisitPerUser.TestDriver();
        using var firstPerRegion = new FirstVisitPerRegion.TestDriver();
        using var perRegion = new VisitsPerRegion.TestDriver();
        using var perUser = new VisitsPerUser.TestDriver();
        var firstPerUserReference = new DedupReference<Visit, string?>(v => v.User, null, 0, DedupForget.Never);
        var firstPerRegionReference = new DedupReference<Visit, int?>(v => v.Region, null, 0, DedupForget.Never);
        var perRegionReference = new GroupStateReference<Visit, int?, long, RegionVisits>(v => v.Region, (region, rows, state) =>
        {
            state.Update(state.GetOrDefault(0) + rows.Count());
            return [new RegionVisits(region, state.Get())];
        }, GroupStateTimeout.NoTimeout);
        var perUserReference = new UpdateStateByKeyReference<Visit, string?, long?>(v => v.User, (values, running) => (running ?? 0) + values.Count, complete: false);
        string?[] users = [null, "ana", "bo", "cy", "dee", "eve", "fay", "gus"];
        for (int b = 0; b < 40; b++)
        {
            var visits = Enumerable.Range(0, random.Next(0, 6))
                .Select(i => new Visit(random.Next(3) == 0 ? null : users[random.Next(users.Length)], random.Next(3) == 0 ? null : random.Next(0, 12), "/" + b + "/" + i))
                .ToArray();
            firstPerUser.AddVisits(visits);
            firstPerRegion.AddVisits(visits);
            perRegion.AddVisits(visits);
            perUser.AddVisits(visits);

            Assert.Equal(firstPerUserReference.Batch(visits), firstPerUser.RunBatch().Rows);
            Assert.Equal(firstPerRegionReference.Batch(visits), firstPerRegion.RunBatch().Rows);
            Assert.Equal(Sorted(perRegionReference.Batch(visits, 0)), Sorted(perRegion.RunBatch().Rows));
            var counts = perUserReference.Batch(visits).Select(e => new KeyState<string?, long>(e.Key, e.State!.Value));
            Assert.Equal(Sorted(counts), Sorted(perUser.RunBatch().Rows));
            Assert.Equal(firstPerUserReference.StateKeys, Assert.Single(firstPerUser.Batches[^1].Progress.StateOperators).NumRowsTotal);
            Assert.Equal(perRegionReference.StateKeys, Assert.Single(perRegion.Batches[^1].Progress.StateOperators).NumRowsTotal);
        }
    }

    private static List<T> Sorted<T>(IEnumerable<T> rows) => [.. rows.OrderBy(r => r!.ToString(), StringComparer.Ordinal)];
}
