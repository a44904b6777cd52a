using Compiled.Batches;
using Compiled.Sinks;

namespace Compiled;

/// <summary>
/// Where the late rows of one input go when its <c>WithWatermark</c> says <see cref="LateRows.ToSink"/>: a sink of the
/// input's row type, given to the generated <c>Start</c>. The engine gives it each batch's late rows (possibly none) with
/// the batch id, after the plan ran and before the query's sink, and again with the same id and rows when a batch is
/// re-run after a crash, exactly like the query's own sink: use an idempotent sink for exactly-once.
/// </summary>
public abstract class LateRowSink : IDisposable
{
    private protected LateRowSink()
    {
    }

    /// <summary>A late-row sink writing to <paramref name="sink"/>, which must accept Append.</summary>
    public static LateRowSink For<T>(ISink<T> sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        return new Typed<T>(sink);
    }

    /// <summary>The inner sink's description.</summary>
    public abstract string Description { get; }

    /// <summary>The row type, for error messages.</summary>
    internal abstract Type RowType { get; }

    /// <summary>True when the inner sink accepts Append, the only mode late rows are written in.</summary>
    internal abstract bool SupportsAppend { get; }

    /// <summary>The buffer the plan fills through <c>BatchContext.LateRows</c>.</summary>
    internal abstract object Buffer { get; }

    /// <summary>Opens the inner sink for a run.</summary>
    internal abstract void Open(SinkContext context);

    /// <summary>Writes the buffer as batch <paramref name="batchId"/>.</summary>
    internal abstract void Flush(long batchId);

    /// <summary>Number of rows in the buffer.</summary>
    internal abstract int Count { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes the inner sink and returns the buffer.</summary>
    protected abstract void Dispose(bool disposing);

    private sealed class Typed<T>(ISink<T> sink) : LateRowSink
    {
        private RowBuffer<T>? _rows;

        public override string Description => sink.Description;

        internal override Type RowType => typeof(T);

        internal override bool SupportsAppend => sink.SupportedModes.Contains(OutputMode.Append);

        internal override object Buffer => _rows ??= BatchPool.Rent<T>();

        internal override int Count => _rows?.Count ?? 0;

        internal override void Open(SinkContext context) => sink.Open(context);

        internal override void Flush(long batchId) => sink.AddBatch(batchId, _rows is null ? default : _rows.Span);

        protected override void Dispose(bool disposing)
        {
            _rows?.Dispose();
            _rows = null;
            sink.Dispose();
        }
    }
}
