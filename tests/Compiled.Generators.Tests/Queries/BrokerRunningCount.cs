namespace Compiled.Generators.Tests.Queries;

/// <summary>MapGroupsWithState: a running count per broker with a processing-time timeout that forgets idle brokers.</summary>
[StreamingQuery(OutputMode.Update)]
public static partial class BrokerRunningCount
{
    private static IStream<WordCount> Define(IStream<Trade> trades) => trades
        .Where(t => t.Amount > 0)
        .GroupBy(t => t.Broker)
        .MapGroupsWithState<long, WordCount>(GroupStateTimeout.ProcessingTimeTimeout, (broker, rows, state) =>
        {
            if (state.HasTimedOut)
            {
                state.Remove();
                return new WordCount(broker, -1);
            }
            long count = state.GetOrDefault(0) + rows.Count();
            state.Update(count);
            state.SetTimeoutDuration(TimeSpan.FromMinutes(1));
            return new WordCount(broker, count);
        });
}
