using Compiled.Sinks;

namespace Compiled.Tests.TestSupport;

/// <summary>Wraps a sink to intercept AddBatch (block, throw, move the clock).</summary>
public sealed class ProbeSink<T> : ISink<T>
{
    private readonly ISink<T> _inner;

    public ProbeSink(ISink<T> inner) => _inner = inner;

    /// <summary>Runs before the inner sink gets the batch, on the batch thread.</summary>
    public Action<long>? BeforeAddBatch { get; set; }

    public List<long> BatchIdsSeen { get; } = [];
    public bool Disposed { get; private set; }
    public SinkContext? Context { get; private set; }

    public string Description => "Probe(" + _inner.Description + ")";

    public IReadOnlyCollection<OutputMode> SupportedModes => _inner.SupportedModes;

    public void Open(SinkContext context)
    {
        Context = context;
        _inner.Open(context);
    }

    public void AddBatch(long batchId, ReadOnlySpan<T> rows)
    {
        lock (BatchIdsSeen) BatchIdsSeen.Add(batchId);
        BeforeAddBatch?.Invoke(batchId);
        _inner.AddBatch(batchId, rows);
    }

    public void Dispose()
    {
        Disposed = true;
        _inner.Dispose();
    }
}
