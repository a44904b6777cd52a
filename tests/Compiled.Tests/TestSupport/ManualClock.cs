namespace Compiled.Tests.TestSupport;

/// <summary>
/// A clock that moves only when a test says so: trigger timing is tested without sleeping. Delays complete
/// when <see cref="Advance"/> reaches their due time; tests wait for the engine to start a delay with
/// <see cref="WaitForDelayAsync"/>.
/// </summary>
public sealed class ManualClock : IClock
{
    private readonly object _gate = new();
    private readonly List<(long DueMs, TaskCompletionSource Done)> _delays = [];
    private readonly List<(Func<long, bool> Match, TaskCompletionSource Seen)> _watchers = [];
    private long _nowMs;

    public ManualClock(long startMs = 0) => _nowMs = startMs;

    public long UtcNowMs
    {
        get { lock (_gate) return _nowMs; }
    }

    /// <summary>Due times of the delays not yet completed.</summary>
    public IReadOnlyList<long> PendingDelays
    {
        get { lock (_gate) return _delays.Select(d => d.DueMs).ToArray(); }
    }

    public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (delay <= TimeSpan.Zero) return Task.CompletedTask;
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            long due = _nowMs + (long)delay.TotalMilliseconds;
            var entry = (due, done);
            _delays.Add(entry);
            cancellationToken.Register(() =>
            {
                lock (_gate) _delays.Remove(entry);
                done.TrySetCanceled(cancellationToken);
            });
            for (int i = _watchers.Count - 1; i >= 0; i--)
            {
                if (!_watchers[i].Match(due)) continue;
                _watchers[i].Seen.TrySetResult();
                _watchers.RemoveAt(i);
            }
            return done.Task;
        }
    }

    /// <summary>Moves time forward and completes the delays that are due.</summary>
    public void Advance(TimeSpan by)
    {
        List<TaskCompletionSource> due = [];
        lock (_gate)
        {
            _nowMs += (long)by.TotalMilliseconds;
            for (int i = _delays.Count - 1; i >= 0; i--)
            {
                if (_delays[i].DueMs > _nowMs) continue;
                due.Add(_delays[i].Done);
                _delays.RemoveAt(i);
            }
        }
        foreach (var done in due) done.TrySetResult();
    }

    /// <summary>Moves time to <paramref name="ms"/>.</summary>
    public void AdvanceTo(long ms) => Advance(TimeSpan.FromMilliseconds(ms - UtcNowMs));

    /// <summary>Completes when a delay due at <paramref name="dueMs"/> is pending (or any delay when null).</summary>
    public Task WaitForDelayAsync(long? dueMs = null)
    {
        Func<long, bool> match = d => dueMs is null || d == dueMs;
        lock (_gate)
        {
            if (_delays.Any(d => match(d.DueMs))) return Task.CompletedTask;
            var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _watchers.Add((match, seen));
            return seen.Task.WaitAsync(TestTimeout.Default);
        }
    }
}
