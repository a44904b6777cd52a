namespace Compiled.Generators.Tests.Queries;

/// <summary>A user's activity score and last path, in updateStateByKey's state.</summary>
public sealed record Activity(long Score, string LastPath);

/// <summary>
/// UpdateStateByKey with a decay, in Complete mode: a user's score grows by 8 per request and halves in each batch
/// without one; the user is forgotten when it reaches zero.
/// </summary>
[StreamingQuery(OutputMode.Complete)]
public static partial class UserActivity
{
    private static IStream<KeyState<string, Activity>> Define(IStream<Request> requests) => requests
        .GroupBy(r => r.User)
        .UpdateStateByKey<Activity>(Decay);

    /// <summary>Adds 8 per request, or halves the score when there is none; null (forget the user) once it is zero.</summary>
    public static Activity? Decay(IReadOnlyList<Request> values, Activity? running)
    {
        if (values.Count == 0) return running is null || running.Score / 2 == 0 ? null : running with { Score = running.Score / 2 };
        return new Activity((running?.Score ?? 0) + 8 * values.Count, values[^1].Path);
    }
}
