using Compiled.Generators.Tests.Queries;
using Compiled.Testing.KeyedState;

namespace Compiled.Generators.Tests;

/// <summary>
/// The generated UpdateStateByKey (DStream's updateStateByKey, spark-semantics §8) run batch by batch on its test driver:
/// the request-count example, a key without new rows still called (a decay), removal by a null state, and random batches
/// compared with <see cref="UpdateStateByKeyReference{TRow, TKey, TOption}"/> in Update and Complete mode.
/// </summary>
public sealed class UpdateStateByKeyDriverTests
{
    [Fact]
    public void Running_request_count_per_user_adds_the_new_values_to_the_state()
    {
        using var driver = new RequestCountsByKey.TestDriver();
        driver.AddRequests([.. Enumerable.Repeat(new Request("ana", "/"), 5), new Request("bo", "/a")]);
        Assert.Equal([new KeyState<string, long>("ana", 5), new KeyState<string, long>("bo", 1)], Sorted(driver.RunBatch().Rows));
        // State 5, new values [4] -> 9. bo is called with no values and keeps 1: unchanged, so Update mode does not write it.
        driver.AddRequests([.. Enumerable.Repeat(new Request("ana", "/b"), 4)]);
        Assert.Equal([new KeyState<string, long>("ana", 9)], driver.RunBatch().Rows);
        Assert.Equal(2, Assert.Single(driver.Batches[^1].Progress.StateOperators).NumRowsTotal);
    }

    [Fact]
    public void A_key_without_new_values_is_called_every_batch_and_removed_when_the_function_returns_null()
    {
        using var driver = new UserActivity.TestDriver();
        driver.AddRequests(new Request("ana", "/a"), new Request("ana", "/b"), new Request("bo", "/c"));
        Assert.Equal([Row("ana", 16, "/b"), Row("bo", 8, "/c")], Sorted(driver.RunBatch().Rows));
        // Only bo has rows: ana's score decays (16 -> 8) although ana has no new values. Complete mode writes every key.
        driver.AddRequests(new Request("bo", "/d"));
        Assert.Equal([Row("ana", 8, "/b"), Row("bo", 16, "/d")], Sorted(driver.RunBatch().Rows));
        driver.AddRequests(new Request("cy", "/e"));
        Assert.Equal([Row("ana", 4, "/b"), Row("bo", 8, "/d"), Row("cy", 8, "/e")], Sorted(driver.RunBatch().Rows));
        // Batches without rows still call every key (4 -> 2 -> 1 -> removed at 0).
        Assert.Equal([Row("ana", 2, "/b"), Row("bo", 4, "/d"), Row("cy", 4, "/e")], Sorted(driver.RunBatch().Rows));
        driver.RunBatch();
        var batch = driver.RunBatch();
        Assert.Equal([Row("bo", 1, "/d"), Row("cy", 1, "/e")], Sorted(batch.Rows));
        Assert.Equal(2, Assert.Single(batch.Progress.StateOperators).NumRowsTotal);
        Assert.Empty(driver.RunBatch().Rows);
        Assert.Equal(0, Assert.Single(driver.Batches[^1].Progress.StateOperators).NumRowsTotal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_batches_match_the_reference_in_update_and_complete_mode(int seed)
    {
        var random = new Random(seed);
        using var counts = new RequestCountsByKey.TestDriver();
        using var activity = new UserActivity.TestDriver();
        var countReference = new UpdateStateByKeyReference<Request, string, long?>(r => r.User, (values, running) => (running ?? 0) + values.Count, complete: false);
        var activityReference = new UpdateStateByKeyReference<Request, string, Activity?>(r => r.User, UserActivity.Decay, complete: true);
        string[] users = ["ana", "bo", "cy", "dee", "eve"];
        for (int b = 0; b < 60; b++)
        {
            var requests = Enumerable.Range(0, random.Next(0, 4) == 0 ? 0 : random.Next(1, 6))
                .Select(i => new Request(users[random.Next(users.Length)], "/" + b + "/" + i)).ToArray();
            counts.AddRequests(requests);
            activity.AddRequests(requests);

            var expectedCounts = countReference.Batch(requests).Select(e => new KeyState<string, long>(e.Key, e.State!.Value));
            Assert.Equal(Sorted(expectedCounts), Sorted(counts.RunBatch().Rows));
            var expectedActivity = activityReference.Batch(requests).Select(e => new KeyState<string, Activity>(e.Key, e.State!));
            var batch = activity.RunBatch();
            Assert.Equal(Sorted(expectedActivity), Sorted(batch.Rows));
            Assert.Equal(activityReference.StateKeys, Assert.Single(batch.Progress.StateOperators).NumRowsTotal);
        }
        Assert.True(activityReference.CallsWithoutRows > 20, "keys without rows should be called");
        Assert.True(activityReference.Removed > 2, "keys should be removed");
    }

    private static KeyState<string, Activity> Row(string user, long score, string path) => new(user, new Activity(score, path));

    private static List<T> Sorted<T>(IEnumerable<T> rows) => [.. rows.OrderBy(r => r!.ToString(), StringComparer.Ordinal)];
}
