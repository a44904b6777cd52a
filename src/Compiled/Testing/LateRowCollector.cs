using Compiled.Batches;

namespace Compiled.Testing;

/// <summary>
/// Stands in for the late-row sink of one input of a <see cref="QueryTestDriver{TOut}"/>: the plan writes the input's
/// late rows to <see cref="Buffer"/>, and after each batch the driver keeps them, as a sink would receive them.
/// </summary>
internal abstract class LateRowCollector : IDisposable
{
    /// <summary>The rows' type.</summary>
    internal abstract Type RowType { get; }

    /// <summary>The buffer the plan fills through <c>BatchContext.LateRows</c>.</summary>
    internal abstract object Buffer { get; }

    /// <summary>Keeps the batch's late rows and returns how many there were.</summary>
    internal abstract int Collect();

    /// <inheritdoc />
    public abstract void Dispose();
}

/// <summary>The late rows of one input, typed.</summary>
internal sealed class LateRowCollector<T> : LateRowCollector
{
    private readonly RowBuffer<T> _buffer = BatchPool.Rent<T>();

    /// <summary>Every late row of the input so far, oldest batch first.</summary>
    internal List<T> All { get; } = [];

    internal override Type RowType => typeof(T);

    internal override object Buffer => _buffer;

    internal override int Collect()
    {
        All.AddRange(_buffer.Span);
        return _buffer.Count;
    }

    public override void Dispose() => _buffer.Dispose();
}
