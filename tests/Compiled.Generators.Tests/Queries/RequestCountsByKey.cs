namespace Compiled.Generators.Tests.Queries;

/// <summary>The DStream updateStateByKey example: a running request count per user (state 5, new values [4] -> 9).</summary>
[StreamingQuery(OutputMode.Update)]
public static partial class RequestCountsByKey
{
    private static IStream<KeyState<string, long>> Define(IStream<Request> requests) => requests
        .GroupBy(r => r.User)
        .UpdateStateByKey<long>((values, running) => (running ?? 0) + values.Count);
}
