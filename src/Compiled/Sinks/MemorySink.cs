namespace Compiled.Sinks;

/// <summary>
/// An in-process sink for tests: keeps every batch it received. Idempotent per batch id: a batch id at or
/// below the last one received (a replay after a restart) is ignored, so the same instance can serve a
/// restarted query and still hold each batch once.
/// </summary>
/// <remarks>Written by the batch thread, readable from any thread.</remarks>
public sealed class MemorySink<T> : ISink<T>
{
    private static readonly OutputMode[] s_modes = [OutputMode.Append, OutputMode.Complete];

    private readonly object _gate = new();
    private readonly List<T> _rows = [];
    private readonly List<MemorySinkBatch<T>> _batches = [];
    private OutputMode _mode;
    private long _lastBatchId = -1;
    private int _replaysIgnored;

    internal MemorySink(string? name) => Description = $"MemorySink<{typeof(T).Name}>[{name ?? "memory"}]";

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public IReadOnlyCollection<OutputMode> SupportedModes => s_modes;

    /// <summary>
    /// The result so far: in Append mode every row of every batch in order, in Complete mode the last batch's rows.
    /// </summary>
    public IReadOnlyList<T> Rows
    {
        get { lock (_gate) return _rows.ToArray(); }
    }

    /// <summary>The batches received, in order, each once.</summary>
    public IReadOnlyList<MemorySinkBatch<T>> Batches
    {
        get { lock (_gate) return _batches.ToArray(); }
    }

    /// <summary>The id of the last batch received, or -1.</summary>
    public long LastBatchId
    {
        get { lock (_gate) return _lastBatchId; }
    }

    /// <summary>How many replayed batches were ignored because their id was already received.</summary>
    public int ReplaysIgnored
    {
        get { lock (_gate) return _replaysIgnored; }
    }

    /// <inheritdoc />
    public void Open(SinkContext context) => _mode = context.OutputMode;

    /// <inheritdoc />
    public void AddBatch(long batchId, ReadOnlySpan<T> rows)
    {
        T[] copy = rows.ToArray();
        lock (_gate)
        {
            if (batchId <= _lastBatchId)
            {
                _replaysIgnored++;
                return;
            }
            _batches.Add(new MemorySinkBatch<T>(batchId, copy));
            if (_mode == OutputMode.Complete) _rows.Clear();
            _rows.AddRange(copy);
            _lastBatchId = batchId;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
