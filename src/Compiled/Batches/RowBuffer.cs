using System.Buffers;

namespace Compiled.Batches;

/// <summary>
/// A growable, pooled buffer of rows: the unit that flows between a source, a compiled plan and a sink.
/// </summary>
/// <remarks>
/// Rented from <see cref="BatchPool"/> and returned with <see cref="Dispose"/>; a test teardown can
/// assert <see cref="BatchPool.Outstanding"/> is zero. Not thread-safe: one batch, one thread.
/// </remarks>
public sealed class RowBuffer<T> : IDisposable, IClearable
{
    private const int MinimumCapacity = 16;
    private T[] _rows;
    private int _count;
    private bool _returned;

    internal RowBuffer(int capacity)
    {
        _rows = ArrayPool<T>.Shared.Rent(Math.Max(capacity, MinimumCapacity));
    }

    /// <summary>Number of rows written so far.</summary>
    public int Count => _count;

    /// <summary>The rows written so far.</summary>
    public ReadOnlySpan<T> Span => _rows.AsSpan(0, _count);

    /// <summary>The rows written so far, for APIs that cannot take a span.</summary>
    public ReadOnlyMemory<T> Memory => _rows.AsMemory(0, _count);

    /// <summary>Appends one row.</summary>
    public void Add(in T row)
    {
        if (_count == _rows.Length) Grow(_count + 1);
        _rows[_count++] = row;
    }

    /// <summary>Appends rows.</summary>
    public void AddRange(ReadOnlySpan<T> rows)
    {
        if (_count + rows.Length > _rows.Length) Grow(_count + rows.Length);
        rows.CopyTo(_rows.AsSpan(_count));
        _count += rows.Length;
    }

    /// <summary>
    /// Space for at least <paramref name="minimumLength"/> more rows, right after the rows written so far: write rows
    /// from the start of the span, then call <see cref="Advance"/> with how many were written.
    /// </summary>
    /// <remarks>
    /// For writers that know an upper bound on what they append (a filter or a map writes at most one row per
    /// input row): one capacity check per batch instead of one per row, and the count stays in a local. The span
    /// is invalidated by any other call that writes to the buffer.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minimumLength"/> is negative.</exception>
    public Span<T> GetAppendSpan(int minimumLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minimumLength);
        if (_rows.Length - _count < minimumLength) Grow(checked(_count + minimumLength));
        return _rows.AsSpan(_count);
    }

    /// <summary>Adds the first <paramref name="count"/> rows written to the span from <see cref="GetAppendSpan"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative or more than the free space.</exception>
    public void Advance(int count)
    {
        if ((uint)count > (uint)(_rows.Length - _count))
        {
            throw new ArgumentOutOfRangeException(nameof(count), count,
                $"Advance({count}) on a row buffer with room for {_rows.Length - _count} more rows.");
        }
        _count += count;
    }

    /// <summary>Removes every row but keeps the storage.</summary>
    public void Clear()
    {
        if (System.Runtime.CompilerServices.RuntimeHelpers.IsReferenceOrContainsReferences<T>())
            Array.Clear(_rows, 0, _count);
        _count = 0;
    }

    private void Grow(int needed)
    {
        var bigger = ArrayPool<T>.Shared.Rent(Math.Max(needed, _rows.Length * 2));
        _rows.AsSpan(0, _count).CopyTo(bigger);
        ReturnArray();
        _rows = bigger;
    }

    private void ReturnArray() =>
        ArrayPool<T>.Shared.Return(_rows, System.Runtime.CompilerServices.RuntimeHelpers.IsReferenceOrContainsReferences<T>());

    /// <summary>Returns the storage to the pool.</summary>
    public void Dispose()
    {
        if (_returned) return;
        _returned = true;
        ReturnArray();
        _rows = [];
        _count = 0;
        BatchPool.OnReturned();
    }
}
