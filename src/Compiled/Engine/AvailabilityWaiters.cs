namespace Compiled.Engine;

/// <summary>
/// Callers of <c>ProcessAllAvailableAsync</c>: each is released by the first look at the sources that
/// began after it called and found nothing new, so everything available when it called was processed.
/// </summary>
internal sealed class AvailabilityWaiters
{
    private readonly object _gate = new();
    private readonly List<(long RegisteredAfterCheck, TaskCompletionSource Waiter)> _waiters = [];
    private long _checksStarted;
    private bool _terminated;
    private Exception? _failure;

    /// <summary>Completes when all data available now is processed, or when the query terminates.</summary>
    internal Task WaitAsync()
    {
        lock (_gate)
        {
            if (_terminated) return _failure is null ? Task.CompletedTask : Task.FromException(_failure);
            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((_checksStarted, waiter));
            return waiter.Task;
        }
    }

    /// <summary>Called by the batch thread before it asks the sources for offsets; returns the check's number.</summary>
    internal long BeginCheck()
    {
        lock (_gate) return ++_checksStarted;
    }

    /// <summary>Check <paramref name="check"/> found no new data: releases the waiters registered before it began.</summary>
    internal void NothingAvailable(long check)
    {
        lock (_gate)
        {
            for (int i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].RegisteredAfterCheck >= check) continue;
                _waiters[i].Waiter.TrySetResult();
                _waiters.RemoveAt(i);
            }
        }
    }

    /// <summary>The query ended: releases every waiter, with <paramref name="failure"/> when it failed.</summary>
    internal void Terminate(Exception? failure)
    {
        lock (_gate)
        {
            _terminated = true;
            _failure = failure;
            foreach (var (_, waiter) in _waiters)
            {
                if (failure is null) waiter.TrySetResult();
                else waiter.TrySetException(failure);
            }
            _waiters.Clear();
        }
    }
}
