using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Compiled.Progress;

/// <summary>
/// Publishes a query's progress: keeps the recent reports, calls the listeners (whose exceptions are
/// logged and never stop the query), records the metrics and logs one line per batch.
/// </summary>
/// <remarks>Reports are added on the batch thread and read from any thread, hence the lock.</remarks>
internal sealed class ProgressReporter
{
    private readonly Queue<StreamingQueryProgress> _recent = new();
    private readonly int _capacity;
    private readonly IReadOnlyList<IStreamingQueryListener> _listeners;
    private readonly ILogger _logger;
    private readonly string _name;
    private readonly TagList _queryTag;
    private StreamingQueryProgress? _last;

    internal ProgressReporter(string name, int capacity, IReadOnlyList<IStreamingQueryListener> listeners, ILogger logger)
    {
        _name = name;
        _capacity = capacity;
        _listeners = listeners;
        _logger = logger;
        _queryTag = new TagList { { CompiledMetrics.QueryNameTag, name } };
    }

    /// <summary>The latest report, or null before the first batch.</summary>
    internal StreamingQueryProgress? Last
    {
        get { lock (_recent) return _last; }
    }

    /// <summary>A copy of the recent reports, oldest first.</summary>
    internal IReadOnlyList<StreamingQueryProgress> Recent
    {
        get { lock (_recent) return _recent.ToArray(); }
    }

    /// <summary>Publishes the report of a finished batch.</summary>
    internal void Report(StreamingQueryProgress progress, long outputRows, long watermarkMs)
    {
        lock (_recent)
        {
            if (_recent.Count == _capacity) _recent.Dequeue();
            _recent.Enqueue(progress);
            _last = progress;
        }

        CompiledMetrics.InputRows.Add(progress.NumInputRows, _queryTag);
        CompiledMetrics.OutputRows.Add(outputRows, _queryTag);
        CompiledMetrics.Batches.Add(1, _queryTag);
        CompiledMetrics.BatchDuration.Record(progress.BatchDurationMs / 1000.0, _queryTag);
        foreach (var op in progress.StateOperators)
        {
            var tags = new TagList { { CompiledMetrics.QueryNameTag, _name }, { CompiledMetrics.OperatorNameTag, op.OperatorName } };
            CompiledMetrics.StateRows.Record(op.NumRowsTotal, tags);
            CompiledMetrics.StateMemory.Record(op.MemoryUsedBytes, tags);
            if (op.NumRowsDroppedByWatermark > 0) CompiledMetrics.LateRows.Add(op.NumRowsDroppedByWatermark, tags);
        }
        if (watermarkMs != long.MinValue) CompiledMetrics.Watermark.Record(watermarkMs / 1000.0, _queryTag);
        BatchTracing.Completed(progress, outputRows, watermarkMs);

        QueryLog.BatchCompleted(_logger, _name, progress.BatchId, progress.NumInputRows, outputRows, progress.BatchDurationMs);
        Notify(progress, static (listener, p) => listener.OnQueryProgress(p), nameof(IStreamingQueryListener.OnQueryProgress));
    }

    /// <summary>Tells the listeners the query started.</summary>
    internal void Started(QueryStartedEvent e) =>
        Notify(e, static (listener, ev) => listener.OnQueryStarted(ev), nameof(IStreamingQueryListener.OnQueryStarted));

    /// <summary>Tells the listeners the query is waiting for data.</summary>
    internal void Idle(QueryIdleEvent e) =>
        Notify(e, static (listener, ev) => listener.OnQueryIdle(ev), nameof(IStreamingQueryListener.OnQueryIdle));

    /// <summary>Tells the listeners the query terminated.</summary>
    internal void Terminated(QueryTerminatedEvent e, DateTimeOffset now)
    {
        if (e.Exception is StreamingQueryException failure) BatchTracing.Failed(_name, failure, now);
        Notify(e, static (listener, ev) => listener.OnQueryTerminated(ev), nameof(IStreamingQueryListener.OnQueryTerminated));
    }

    /// <summary>Calls every listener; a listener's exception is logged and does not reach the others or the query.</summary>
    private void Notify<TEvent>(TEvent e, Action<IStreamingQueryListener, TEvent> callback, string callbackName)
    {
        foreach (var listener in _listeners)
        {
            try { callback(listener, e); }
            catch (Exception ex) { QueryLog.ListenerFailed(_logger, _name, listener.GetType().Name, callbackName, ex); }
        }
    }
}
