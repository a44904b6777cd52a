using Compiled.Batches;

namespace Compiled.Plans;

/// <summary>The rows of one micro-batch, one buffer per input stream, in the plan's input order.</summary>
/// <remarks>Owned by the engine; reused across batches, so a plan must not keep spans past <c>Execute</c>.</remarks>
public sealed class BatchInputs
{
    private readonly object[] _buffers;

    /// <summary>Creates the holder for <paramref name="count"/> inputs.</summary>
    public BatchInputs(int count) => _buffers = new object[count];

    /// <summary>Number of inputs.</summary>
    public int Count => _buffers.Length;

    /// <summary>The rows of input <paramref name="index"/>; empty when its source had nothing new this batch.</summary>
    public ReadOnlySpan<T> Get<T>(int index) => _buffers[index] is RowBuffer<T> buffer ? buffer.Span : default;

    /// <summary>The buffer for input <paramref name="index"/>, created on first use and cleared for each batch.</summary>
    public RowBuffer<T> GetBuffer<T>(int index)
    {
        if (_buffers[index] is RowBuffer<T> existing) return existing;
        var created = BatchPool.Rent<T>();
        _buffers[index] = created;
        return created;
    }

    /// <summary>Clears every buffer for the next batch.</summary>
    internal void Clear()
    {
        foreach (var buffer in _buffers) (buffer as IClearable)?.Clear();
    }

    /// <summary>Returns every buffer to the pool.</summary>
    internal void Release()
    {
        for (int i = 0; i < _buffers.Length; i++)
        {
            (_buffers[i] as IDisposable)?.Dispose();
            _buffers[i] = null!;
        }
    }
}
