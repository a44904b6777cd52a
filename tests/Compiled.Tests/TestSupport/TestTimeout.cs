namespace Compiled.Tests.TestSupport;

/// <summary>A generous real-time bound so a broken engine fails a test instead of hanging it.</summary>
public static class TestTimeout
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(20);

    public static Task Bounded(this Task task) => task.WaitAsync(Default);

    public static Task<T> Bounded<T>(this Task<T> task) => task.WaitAsync(Default);
}
