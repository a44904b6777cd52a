namespace Compiled.Tests.Files;

/// <summary>A clock that stands still; the file source never needs time to pass.</summary>
internal sealed class ManualClock : IClock
{
    public long UtcNowMs { get; set; } = 1_700_000_000_000;

    public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        UtcNowMs += (long)delay.TotalMilliseconds;
        return Task.CompletedTask;
    }
}
