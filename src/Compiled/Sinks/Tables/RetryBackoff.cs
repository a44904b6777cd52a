using System.Diagnostics;

namespace Compiled.Sinks.Tables;

/// <summary>
/// The waits between attempts at one batch: <see cref="TableSinkOptions.InitialBackoff"/>, doubling up to
/// <see cref="TableSinkOptions.MaxBackoff"/>, for as long as <see cref="TableSinkOptions.RetryBudget"/> allows,
/// counted from the first failure.
/// </summary>
/// <remarks>No jitter: one sink retries alone, so there is no herd to spread, and fixed waits keep tests repeatable.</remarks>
internal sealed class RetryBackoff(TableSinkOptions options)
{
    private long _firstFailure;
    private TimeSpan _next = options.InitialBackoff;

    /// <summary>Failed attempts so far.</summary>
    public int Failures { get; private set; }

    /// <summary>The budget, for messages.</summary>
    public TimeSpan Budget => options.RetryBudget;

    /// <summary>Counts a failure and sleeps before the next attempt; false (without sleeping) when the budget would be exceeded.</summary>
    public bool TryWait(out TimeSpan wait)
    {
        if (Failures++ == 0) _firstFailure = Stopwatch.GetTimestamp();
        wait = _next;
        if (Stopwatch.GetElapsedTime(_firstFailure) + wait > options.RetryBudget) return false;
        Thread.Sleep(wait);
        _next = TimeSpan.FromTicks(Math.Min(_next.Ticks * 2, options.MaxBackoff.Ticks));
        return true;
    }
}
