namespace Compiled.Generators.Tests.Queries;

/// <summary>A running request count per user: the DStream updateStateByKey example, as MapGroupsWithState (state 5, new values [4] -> 9).</summary>
[StreamingQuery(OutputMode.Update)]
public static partial class RequestCounts
{
    private static IStream<UserRequests> Define(IStream<Request> requests) => requests
        .GroupBy(r => r.User)
        .MapGroupsWithState<long, UserRequests>(GroupStateTimeout.NoTimeout, (user, rows, state) =>
        {
            long count = state.GetOrDefault(0) + rows.Count();
            state.Update(count);
            return new UserRequests(user, count);
        });
}
