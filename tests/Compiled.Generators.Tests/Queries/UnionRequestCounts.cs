namespace Compiled.Generators.Tests.Queries;

/// <summary>Requests of two front ends, unioned, then a running request count per user with MapGroupsWithState; Update.</summary>
[StreamingQuery(OutputMode.Update)]
public static partial class UnionRequestCounts
{
    private static IStream<UserRequests> Define(IStream<Request> web, IStream<Request> mobile) => web
        .Union(mobile.Where(r => r.Path != "/health"))
        .GroupBy(r => r.User)
        .MapGroupsWithState<long, UserRequests>(GroupStateTimeout.NoTimeout, (user, rows, state) =>
        {
            long count = state.GetOrDefault(0) + rows.Count();
            state.Update(count);
            return new UserRequests(user, count);
        });
}
