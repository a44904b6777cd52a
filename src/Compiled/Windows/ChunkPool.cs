using System.Numerics;
using Compiled.State;

namespace Compiled.Windows;

/// <summary>
/// Recycles the buffers of window chunks: a chunk removed from the store (its window closed, or the window rewritten
/// whole) comes back once nothing reads it any more, so a steady stream writes each batch's chunks into memory already
/// touched instead of fresh pages.
/// </summary>
/// <remarks>
/// <para>Nothing reads a removed chunk once (1) the store says no base still holds it
/// (<see cref="IStateStore{TKey, TValue}.ValuesReleased"/>) and (2) the changelog frame of the batch that wrote it was
/// written: chunks are encoded and copied into their frame on the checkpoint thread while the next batch runs, so a
/// chunk removed in batch k may be in the frame of batch k-1, which is certainly written only once batch k's checkpoint
/// began. Buffers removed in batch k therefore wait for a ticket taken at the end of batch k+1.</para>
/// <para>Buffers are kept by size class (powers of two), so a buffer of class <c>c</c> holds at least <c>2^c</c> bytes
/// and serves any chunk up to that size. The pool keeps at most <see cref="MaxPooledBytes"/>; beyond that, buffers go
/// to the collector. <see cref="Rent"/> runs on whichever thread encodes a chunk, so the free buffers are locked.</para>
/// </remarks>
internal sealed class ChunkPool
{
    private const int MinClass = 6;
    private const long MaxPooledBytes = 256L << 20;

    private readonly Stack<byte[]>[] _free = new Stack<byte[]>[32];
    private readonly Queue<(long Ticket, List<WindowChunk> Chunks)> _held = new();
    private readonly Stack<List<WindowChunk>> _spareLists = new();
    private List<WindowChunk> _removed = [];
    private List<WindowChunk> _removedBefore = [];
    private long _pooledBytes;

    /// <summary>A buffer of at least <paramref name="length"/> bytes, recycled when one is free; any thread.</summary>
    public byte[] Rent(int length)
    {
        int sizeClass = Math.Max(MinClass, BitOperations.Log2((uint)Math.Max(length, 1) - 1) + 1);
        lock (_free)
        {
            if (_free[sizeClass] is { Count: > 0 } free)
            {
                byte[] buffer = free.Pop();
                _pooledBytes -= buffer.Length;
                return buffer;
            }
        }

        // On the pinned heap a chunk that lives until its window closes is never copied from generation to generation.
        return GC.AllocateUninitializedArray<byte>(1 << sizeClass, pinned: true);
    }

    /// <summary>Takes a chunk the caller has just removed from the store; its buffer is reused once nothing reads it.</summary>
    public void Removed(WindowChunk chunk) => _removed.Add(chunk);

    /// <summary>
    /// At the end of a batch: the chunks removed in the batch before wait for a ticket of <paramref name="store"/>, and
    /// the buffers of those whose ticket the store has released become free.
    /// </summary>
    public void EndBatch<TKey>(IStateStore<TKey, WindowChunk> store)
        where TKey : notnull
    {
        if (_removedBefore.Count > 0)
        {
            long ticket = store.ValueTicket;
            if (ticket < 0)
            {
                _removedBefore.Clear(); // the store cannot tell when it lets go: the collector frees them
            }
            else
            {
                _held.Enqueue((ticket, _removedBefore));
                _removedBefore = _spareLists.TryPop(out var spare) ? spare : [];
            }
        }

        (_removedBefore, _removed) = (_removed, _removedBefore);
        while (_held.TryPeek(out var held) && store.ValuesReleased(held.Ticket))
        {
            _held.Dequeue();
            lock (_free)
            {
                foreach (WindowChunk chunk in held.Chunks)
                {
                    // A chunk abandoned before it was encoded has no buffer; one still pending stays with the collector.
                    if (!chunk.IsPending) Free(chunk.Bytes);
                }
            }

            held.Chunks.Clear();
            _spareLists.Push(held.Chunks);
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
