namespace Compiled.Tests.Rate;

/// <summary>A clock the test moves by hand, so time-driven sources need no sleeps.</summary>
internal sealed class ManualClock(long startMs) : IClock
{
    public long UtcNowMs { get; private set; } = startMs;

    public void Advance(TimeSpan by) => UtcNowMs += (long)by.TotalMilliseconds;

    public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        Advance(delay);
        return Task.CompletedTask;
    }
}
