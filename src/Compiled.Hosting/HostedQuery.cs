namespace Compiled.Hosting;

/// <summary>
/// One hosted query as the health check sees it: its state, its last progress and how far it lags. Updated by
/// the query's batch thread (as its listener) and by <see cref="StreamingQueryService"/>; read from any thread.
/// </summary>
/// <remarks>
/// Lag is measured without touching the sources: at the end of a batch everything that was available when its
/// trigger started has been processed, so while the query has not found its sources empty since, the oldest
/// unprocessed row is at most as old as that trigger start. An idle query (the last look found nothing new) lags 0.
/// </remarks>
public sealed class HostedQuery : IStreamingQueryListener
{
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private readonly TaskCompletionSource _termination = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private HostedQueryState _state = HostedQueryState.NotStarted;
    private bool _idle;
    private DateTimeOffset _caughtUpAt;
    private StreamingQueryProgress? _lastProgress;
    private Exception? _failure;

    internal HostedQuery(string name, TimeProvider time, TimeSpan maxLag)
    {
        Name = name;
        _time = time;
        MaxLag = maxLag;
        _caughtUpAt = time.GetUtcNow();
    }

    /// <summary>The query's name (its configuration subsection and <see cref="QueryOptions.Name"/>).</summary>
    public string Name { get; }

    /// <summary>The lag above which the health check reports Degraded.</summary>
    public TimeSpan MaxLag { get; }

    /// <summary>Where the query is in its life.</summary>
    public HostedQueryState State
    {
        get { lock (_gate) return _state; }
    }

    /// <summary>The failure that ended the query, when <see cref="State"/> is <see cref="HostedQueryState.Failed"/>.</summary>
    public Exception? Failure
    {
        get { lock (_gate) return _failure; }
    }

    /// <summary>Completes when the query has ended: failed, completed, or stopped by the host.</summary>
    public Task Termination => _termination.Task;

    /// <summary>The progress of the last committed batch, or null before the first.</summary>
    public StreamingQueryProgress? LastProgress
    {
        get { lock (_gate) return _lastProgress; }
    }

    /// <summary>How far behind its input the query is (see the remarks); zero unless it is running.</summary>
    public TimeSpan Lag
    {
        get
        {
            lock (_gate)
            {
                if (_state != HostedQueryState.Running || _idle) return TimeSpan.Zero;
                TimeSpan lag = _time.GetUtcNow() - _caughtUpAt;
                return lag > TimeSpan.Zero ? lag : TimeSpan.Zero;
            }
        }
    }

    /// <inheritdoc />
    void IStreamingQueryListener.OnQueryProgress(StreamingQueryProgress progress)
    {
        lock (_gate)
        {
            _lastProgress = progress;
            _idle = false;
            _caughtUpAt = progress.Timestamp;
        }
    }

    /// <inheritdoc />
    void IStreamingQueryListener.OnQueryIdle(QueryIdleEvent e)
    {
        lock (_gate) _idle = true;
    }

    internal void Started()
    {
        lock (_gate)
        {
            _state = HostedQueryState.Running;
            _caughtUpAt = _time.GetUtcNow();
        }
    }

    internal void Ended(HostedQueryState state, Exception? failure = null)
    {
        lock (_gate)
        {
            // A failure is final: a later stop by the host must not hide it from the health check.
            if (_state == HostedQueryState.Failed) return;
            _state = state;
            _failure = failure;
        }
        _termination.TrySetResult();
    }
}
