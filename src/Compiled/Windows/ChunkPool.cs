using System.Numerics;
using Compiled.State;

namespace Compiled.Windows;

/// <summary>
/// Recycles the buffers of window chunks: a chunk removed from the store (its window closed, or the window rewritten
/// whole) comes back once the store says nothing reads it any more (<see cref="IStateStore{TKey, TValue}.ValuesReleased"/>),
/// so a steady stream writes each batch's chunks into memory already touched instead of fresh pages.
/// </summary>
/// <remarks>
/// Buffers are kept by size class (powers of two), so a buffer of class <c>c</c> holds at least <c>2^c</c> bytes and
/// serves any chunk up to that size. The pool keeps at most <see cref="MaxPooledBytes"/>; beyond that, buffers go to the
/// collector.
/// </remarks>
internal sealed class ChunkPool
{
    private const int MinClass = 6;
    private const long MaxPooledBytes = 256L << 20;

    private readonly Stack<byte[]>[] _free = new Stack<byte[]>[32];
    private readonly Queue<(long Ticket, List<byte[]> Buffers)> _held = new();
    private readonly Stack<List<byte[]>> _spareLists = new();
    private List<byte[]> _removed = [];
    private long _pooledBytes;

    /// <summary>A buffer of at least <paramref name="length"/> bytes, recycled when one is free.</summary>
    public byte[] Rent(int length)
    {
        int sizeClass = Math.Max(MinClass, BitOperations.Log2((uint)Math.Max(length, 1) - 1) + 1);
        if (_free[sizeClass] is { Count: > 0 } free)
        {
            byte[] buffer = free.Pop();
            _pooledBytes -= buffer.Length;
            return buffer;
        }
        // On the pinned heap a chunk that lives until its window closes is never copied from generation to generation.
        return GC.AllocateUninitializedArray<byte>(1 << sizeClass, pinned: true);
    }

    /// <summary>Takes the buffer of a chunk the caller has just removed from the store; it is reused once the store lets go.</summary>
    public void Removed(byte[] buffer) => _removed.Add(buffer);

    /// <summary>
    /// At the end of a batch: the buffers removed in it wait for a ticket of <paramref name="store"/>, and those whose
    /// ticket the store has released become free.
    /// </summary>
    public void EndBatch<TKey>(IStateStore<TKey, WindowChunk> store)
        where TKey : notnull
    {
        if (_removed.Count > 0)
        {
            long ticket = store.ValueTicket;
            if (ticket < 0)
            {
                _removed.Clear(); // the store cannot tell when it lets go: the collector frees them
            }
            else
            {
                _held.Enqueue((ticket, _removed));
                _removed = _spareLists.TryPop(out var spare) ? spare : [];
            }
        }
        while (_held.TryPeek(out var held) && store.ValuesReleased(held.Ticket))
        {
            _held.Dequeue();
            foreach (byte[] buffer in held.Buffers) Free(buffer);
            held.Buffers.Clear();
            _spareLists.Push(held.Buffers);
        }
    }

    private void Free(byte[] buffer)
    {
        if (buffer.Length < 1 << MinClass || _pooledBytes + buffer.Length > MaxPooledBytes) return;
        // A recovered chunk's buffer has its exact length: it serves the class below it.
        int sizeClass = BitOperations.Log2((uint)buffer.Length);
        (_free[sizeClass] ??= new Stack<byte[]>()).Push(buffer);
        _pooledBytes += buffer.Length;
    }
}
