namespace Compiled;

/// <summary>Time as the engine sees it; tests inject a manual clock so trigger timing needs no sleeps.</summary>
public interface IClock
{
    /// <summary>Current UTC time in Unix milliseconds.</summary>
    long UtcNowMs { get; }

    /// <summary>Completes after <paramref name="delay"/> of this clock's time, or when cancelled.</summary>
    Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken);
}
