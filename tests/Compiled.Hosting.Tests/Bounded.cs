namespace Compiled.Hosting.Tests;

/// <summary>Waits with a generous bound, so a broken test fails instead of hanging the run.</summary>
internal static class Bounded
{
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(60);

    /// <summary>Completes with <paramref name="task"/>, or throws <see cref="TimeoutException"/> after a minute.</summary>
    public static Task WithinLimit(this Task task) => task.WaitAsync(s_limit);

    /// <summary>Completes with <paramref name="task"/>, or throws <see cref="TimeoutException"/> after a minute.</summary>
    public static Task<T> WithinLimit<T>(this Task<T> task) => task.WaitAsync(s_limit);
}
