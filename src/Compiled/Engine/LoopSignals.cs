namespace Compiled.Engine;

/// <summary>
/// How the batch thread waits: on the query's clock (so tests drive triggers with a manual clock), and
/// woken early by a stop request or, for the default trigger's idle polling, by a poke.
/// </summary>
/// <remarks>
/// The stop source is never disposed: it has no timer or wait handle, and a late <c>StopAsync</c> may
/// still cancel it after the query ended. The batch thread is dedicated to the query, so it blocks on the wait instead of awaiting: every
/// source, plan and sink call then stays on that one thread.
/// </remarks>
internal sealed class LoopSignals
{
    private readonly IClock _clock;
    private readonly CancellationTokenSource _stop = new();
    private readonly object _gate = new();
    private TaskCompletionSource _poke = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal LoopSignals(IClock clock) => _clock = clock;

    /// <summary>True once a stop was requested.</summary>
    internal bool StopRequested => _stop.IsCancellationRequested;

    /// <summary>Asks the batch thread to stop after the current batch and wakes any wait.</summary>
    internal void RequestStop() => _stop.Cancel();

    /// <summary>Wakes an idle-polling wait now, or makes the next one return at once.</summary>
    internal void Poke()
    {
        lock (_gate) _poke.TrySetResult();
    }

    /// <summary>Blocks until <paramref name="delay"/> of clock time has passed, a stop is requested, or
    /// (when <paramref name="wakeOnPoke"/>) a poke arrives.</summary>
    internal void Wait(TimeSpan delay, bool wakeOnPoke)
    {
        if (StopRequested || delay <= TimeSpan.Zero) return;
        TaskCompletionSource poke;
        lock (_gate) poke = _poke;
        if (!(wakeOnPoke && poke.Task.IsCompleted))
        {
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            Task delayed = _clock.DelayAsync(delay, cancel.Token);
            (wakeOnPoke ? Task.WhenAny(delayed, poke.Task) : Task.WhenAny(delayed)).Wait();
            // Releases the clock's pending delay when the poke won.
            cancel.Cancel();
        }
        if (wakeOnPoke && poke.Task.IsCompleted)
        {
            lock (_gate)
            {
                if (ReferenceEquals(_poke, poke)) _poke = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }
}
