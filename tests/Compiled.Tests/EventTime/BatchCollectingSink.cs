using Compiled.Sinks;

namespace Compiled.Tests.EventTime;

/// <summary>
/// A test sink for every output mode: keeps each batch's rows by batch id, ignoring a replayed id (as an idempotent sink
/// must), so the same instance serves a query across restarts.
/// </summary>
public sealed class BatchCollectingSink<T> : ISink<T>
{
    private readonly object _gate = new();
    private readonly SortedDictionary<long, T[]> _batches = [];

    /// <summary>Throws from AddBatch once for this batch id (a failed sink), when set.</summary>
    public long? FailOnceAt { get; set; }

    public string Description => "BatchCollectingSink<" + typeof(T).Name + ">";

    public IReadOnlyCollection<OutputMode> SupportedModes { get; } = [OutputMode.Append, OutputMode.Update, OutputMode.Complete];

    /// <summary>The batches received, by id.</summary>
    public IReadOnlyDictionary<long, T[]> Batches
    {
        get { lock (_gate) return new SortedDictionary<long, T[]>(_batches); }
    }

    /// <summary>Every row of every batch, in batch order.</summary>
    public IReadOnlyList<T> AllRows
    {
        get { lock (_gate) return _batches.Values.SelectMany(b => b).ToArray(); }
    }

    public void Open(SinkContext context)
    {
    }

    public void AddBatch(long batchId, ReadOnlySpan<T> rows)
    {
        if (FailOnceAt == batchId)
        {
            FailOnceAt = null;
            throw new IOException($"sink failure injected at batch {batchId} (test)");
        }
        T[] copy = rows.ToArray();
        lock (_gate) _batches.TryAdd(batchId, copy);
    }

    public void Dispose()
    {
    }
}
