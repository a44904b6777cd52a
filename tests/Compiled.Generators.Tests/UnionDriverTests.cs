using Compiled.Generators.Tests.Queries;

namespace Compiled.Generators.Tests;

/// <summary>
/// A union of two streams feeding keyed state (<see cref="UnionRequestCounts"/>), run batch by batch on its test driver
/// with random rows on either input or both, against running counts kept here over the concatenated rows: each batch
/// writes every user with rows in it, with the user's count over all batches so far.
/// </summary>
public sealed class UnionDriverTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Keyed_state_after_a_union_counts_both_inputs_rows(int seed)
    {
        var random = new Random(seed);
        using var driver = new UnionRequestCounts.TestDriver();
        var counts = new Dictionary<string, long>();
        string[] users = ["ana", "bo", "cy"];
        string[] paths = ["/", "/a", "/health"];
        for (int b = 0; b < 40; b++)
        {
            var web = Requests(random, users, paths);
            var mobile = Requests(random, users, paths);
            driver.AddWeb(web);
            driver.AddMobile(mobile);
            var batch = driver.RunBatch();

            // The mobile input drops health checks before the union; the web input keeps every request.
            var rows = web.Concat(mobile.Where(r => r.Path != "/health")).ToList();
            foreach (var r in rows) counts[r.User] = counts.GetValueOrDefault(r.User) + 1;
            var expected = rows.Select(r => r.User).Distinct().Select(u => new UserRequests(u, counts[u]));
            Assert.Equal(expected.Select(r => r.ToString()).Order(StringComparer.Ordinal), batch.Rows.Select(r => r.ToString()).Order(StringComparer.Ordinal));
        }
        Assert.True(counts.Values.Sum() > 40, "the batches should hold rows");
    }

    private static Request[] Requests(Random random, string[] users, string[] paths) =>
        Enumerable.Range(0, random.Next(0, 4)).Select(_ => new Request(users[random.Next(users.Length)], paths[random.Next(paths.Length)])).ToArray();
}
