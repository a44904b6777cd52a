namespace Compiled.Generators.Tests.Queries;

/// <summary>UpdateStateByKey grouped by a nullable reference key: a running count per user, anonymous visits (null) included.</summary>
[StreamingQuery(OutputMode.Update)]
public static partial class VisitsPerUser
{
    private static IStream<KeyState<string?, long>> Define(IStream<Visit> visits) => visits
        .GroupBy(v => v.User)
        .UpdateStateByKey<long>((values, running) => (running ?? 0) + values.Count);
}
