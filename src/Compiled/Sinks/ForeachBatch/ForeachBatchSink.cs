namespace Compiled.Sinks.ForeachBatch;

/// <summary>
/// Spark's <c>foreachBatch</c> sink: hands each batch to user code. The guarantee is the callback's:
/// the engine passes a replayed batch again with the same id and rows, so a callback that records the
/// last batch id it wrote (in the same transaction as its rows) gets exactly-once.
/// </summary>
/// <remarks>An exception thrown by the callback fails the batch, and with it the query.</remarks>
internal sealed class ForeachBatchSink<T> : ISink<T>
{
    private static readonly IReadOnlyCollection<OutputMode> s_modes = [OutputMode.Append, OutputMode.Update, OutputMode.Complete];

    private readonly ForeachBatchAction<T> _action;

    public ForeachBatchSink(ForeachBatchAction<T> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        _action = action;
    }

    public string Description => "ForeachBatchSink";

    public IReadOnlyCollection<OutputMode> SupportedModes => s_modes;

    public void Open(SinkContext context)
    {
        // Nothing to prepare: the callback owns whatever it writes to.
    }

    public void AddBatch(long batchId, ReadOnlySpan<T> rows) => _action(rows, batchId);

    public void Dispose()
    {
        // The callback's resources belong to the caller.
    }
}
