using Compiled.Batches;

namespace Compiled.Plans;

/// <summary>The rows of one micro-batch, one buffer per input stream, in the plan's input order.</summary>
/// <remarks>
/// Owned by the engine; reused across batches, so a plan must not keep spans past <c>Execute</c>.
/// An input holds either a pooled <see cref="RowBuffer{T}"/> that a source fills, or rows a source
/// already has in memory, lent with <see cref="Lend{T}"/> so they are not copied.
/// </remarks>
public sealed class BatchInputs
{
    private readonly object[] _buffers;
    private readonly IRowSlot?[] _lent;

    /// <summary>Creates the holder for <paramref name="count"/> inputs.</summary>
    public BatchInputs(int count)
    {
        _buffers = new object[count];
        _lent = new IRowSlot?[count];
    }

    /// <summary>Number of inputs.</summary>
    public int Count => _buffers.Length;

    /// <summary>The rows of input <paramref name="index"/>; empty when its source had nothing new this batch.</summary>
    public ReadOnlySpan<T> Get<T>(int index) =>
        _lent[index] is LentRows<T> { Active: true } lent ? lent.Rows.Span
        : _buffers[index] is RowBuffer<T> buffer ? buffer.Span
        : default;

    /// <summary>
    /// Makes <paramref name="rows"/> the rows of input <paramref name="index"/> for this batch without copying;
    /// the caller keeps them unchanged until the batch ends.
    /// </summary>
    public void Lend<T>(int index, ReadOnlyMemory<T> rows)
    {
        if (_lent[index] is not LentRows<T> slot) _lent[index] = slot = new LentRows<T>();
        slot.Rows = rows;
        slot.Active = true;
    }

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
        foreach (var slot in _lent) slot?.Clear();
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

    private interface IRowSlot
    {
        void Clear();
    }

    // One per input and row type, reused across batches, so lending allocates nothing in steady state.
    private sealed class LentRows<T> : IRowSlot
    {
        public ReadOnlyMemory<T> Rows;
        public bool Active;

        public void Clear()
        {
            Rows = default;
            Active = false;
        }
    }
}
