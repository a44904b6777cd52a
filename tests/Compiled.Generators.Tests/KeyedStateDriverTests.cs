using Compiled.Generators.Tests.Queries;
using Compiled.Testing.KeyedState;

namespace Compiled.Generators.Tests;

/// <summary>
/// Processing-time timeouts of the generated MapGroupsWithState (<see cref="BrokerRunningCount"/>), run batch by batch on
/// its test driver with a manual clock, against <see cref="GroupStateReference{TRow, TKey, TState, TOut}"/>: random
/// trades, random clock steps (some past the one-minute timeout), batches with and without rows.
/// </summary>
public sealed class KeyedStateDriverTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Processing_time_timeouts_match_the_reference(int seed)
    {
        var random = new Random(seed);
        using var driver = new BrokerRunningCount.TestDriver();
        var reference = new GroupStateReference<Trade, string, long, WordCount>(t => t.Broker, Count, GroupStateTimeout.ProcessingTimeTimeout);
        string[] brokers = ["a", "b", "c", "d"];
        for (int b = 0; b < 80; b++)
        {
            var trades = Enumerable.Range(0, random.Next(0, 5))
                .Select(_ => new Trade(0, "BUY", random.Next(-5, 20), brokers[random.Next(brokers.Length)], 1, 0, Side.Buy)).ToArray();
            driver.AddTrades(trades);
            long now = driver.ProcessingTime.ToUnixTimeMilliseconds();
            var batch = driver.RunBatch();

            var expected = reference.Batch(trades.Where(t => t.Amount > 0).ToList(), now);
            Assert.Equal(expected.Select(r => r.ToString()).Order(StringComparer.Ordinal), batch.Rows.Select(r => r.ToString()).Order(StringComparer.Ordinal));
            Assert.Equal(reference.StateKeys, Assert.Single(batch.Progress.StateOperators).NumRowsTotal);
            driver.AdvanceProcessingTime(TimeSpan.FromSeconds(random.Next(0, 4) == 0 ? random.Next(50, 90) : random.Next(0, 20)));
        }
        Assert.True(reference.TimedOut > 5, "keys should time out");
    }

    [Fact]
    public void A_key_times_out_only_when_the_batch_time_is_past_its_timeout()
    {
        using var driver = new BrokerRunningCount.TestDriver();
        driver.AddTrades(new Trade(0, "BUY", 5, "a", 1, 0, Side.Buy));
        Assert.Equal([new WordCount("a", 1)], driver.RunBatch().Rows);
        // The timeout is the batch time plus one minute; a batch exactly at it does not fire (Spark's strict comparison).
        driver.AdvanceProcessingTime(TimeSpan.FromMinutes(1));
        Assert.Empty(driver.RunBatch().Rows);
        driver.AdvanceProcessingTime(TimeSpan.FromMilliseconds(1));
        Assert.Equal([new WordCount("a", -1)], driver.RunBatch().Rows);
        // The function removed the state: the key starts again from zero.
        driver.AddTrades(new Trade(0, "BUY", 5, "a", 1, 0, Side.Buy));
        Assert.Equal([new WordCount("a", 1)], driver.RunBatch().Rows);
    }

    [Fact]
    public void Running_request_count_per_user_adds_each_batch_to_the_state()
    {
        using var driver = new RequestCounts.TestDriver();
        driver.AddRequests([.. Enumerable.Repeat(new Request("ana", "/"), 5), new Request("bo", "/a")]);
        Assert.Equal([new UserRequests("ana", 5), new UserRequests("bo", 1)], driver.RunBatch().Rows);
        // State 5, new values [4] -> 9; a user without rows in the batch is not called (no timeout).
        driver.AddRequests([.. Enumerable.Repeat(new Request("ana", "/b"), 4)]);
        Assert.Equal([new UserRequests("ana", 9)], driver.RunBatch().Rows);
        Assert.Equal(2, Assert.Single(driver.Batches[^1].Progress.StateOperators).NumRowsTotal);
    }

    /// <summary>The query's function, written again for the reference.</summary>
    private static IEnumerable<WordCount> Count(string broker, IEnumerable<Trade> rows, GroupState<long> state)
    {
        if (state.HasTimedOut)
        {
            state.Remove();
            return [new WordCount(broker, -1)];
        }
        long count = state.GetOrDefault(0) + rows.Count();
        state.Update(count);
        state.SetTimeoutDuration(TimeSpan.FromMinutes(1));
        return [new WordCount(broker, count)];
    }
}
