namespace Compiled.EndToEnd.Tests.Support;

/// <summary>A generous real-time bound so a broken engine fails a test instead of hanging the run.</summary>
internal static class Bounded
{
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(30);

    public static Task Within(this Task task) => task.WaitAsync(s_limit);

    public static Task<T> Within<T>(this Task<T> task) => task.WaitAsync(s_limit);
}
