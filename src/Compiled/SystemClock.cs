namespace Compiled;

/// <summary>The real clock: UTC wall time and <see cref="Task.Delay(TimeSpan, CancellationToken)"/>.</summary>
public sealed class SystemClock : IClock
{
    /// <summary>The shared instance.</summary>
    public static SystemClock Instance { get; } = new();

    private SystemClock() { }

    /// <inheritdoc />
    public long UtcNowMs => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    /// <inheritdoc />
    public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) => Task.Delay(delay, cancellationToken);
}
