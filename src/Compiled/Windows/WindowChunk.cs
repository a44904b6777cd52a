using System.Buffers;
using Compiled.State;

namespace Compiled.Windows;

/// <summary>
/// One chunk of a window's durable entries: the first <see cref="Length"/> bytes of <see cref="Bytes"/>, which may be
/// longer (a recycled buffer). The value type of the window state store, so its name in the state schema also names the
/// chunk encoding: a checkpoint written with another encoding is refused by the schema check, never misread.
/// </summary>
/// <remarks>
/// A chunk the window aggregation puts at the end of a batch is pending: it holds what to encode (the window's table and
/// which of its entries), not bytes, so the encoding runs where the bytes are first needed, normally on the checkpoint
/// thread while the next batch runs (<see cref="IsPending"/>, <see cref="Resolve"/>). Whoever reads it first encodes it,
/// under the operator's encoding lock; every reader sees the same bytes.
/// </remarks>
public sealed class WindowChunk
{
    private byte[] _bytes;
    private int _length;
    // Set while the chunk is pending; cleared (with a release) once _bytes and _length hold its encoding.
    private IPendingChunk? _pending;

    /// <summary>A chunk of the first <paramref name="length"/> bytes of <paramref name="bytes"/>.</summary>
    public WindowChunk(byte[] bytes, int length)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)length, (uint)bytes.Length, nameof(length));
        _bytes = bytes;
        _length = length;
    }

    /// <summary>A pending chunk: <paramref name="pending"/> encodes it when it is first read.</summary>
    internal WindowChunk(IPendingChunk pending)
    {
        _bytes = [];
        _pending = pending;
    }

    /// <summary>The buffer holding the chunk (encoded first if pending).</summary>
    public byte[] Bytes
    {
        get
        {
            Resolve();
            return _bytes;
        }
    }

    /// <summary>Bytes of <see cref="Bytes"/> the chunk holds (encoded first if pending).</summary>
    public int Length
    {
        get
        {
            Resolve();
            return _length;
        }
    }

    /// <summary>The chunk's bytes (encoded first if pending).</summary>
    public ReadOnlySpan<byte> Span
    {
        get
        {
            Resolve();
            return _bytes.AsSpan(0, _length);
        }
    }

    /// <summary>True until the chunk's bytes exist (or it was abandoned): its window's table must not change yet.</summary>
    internal bool IsPending => Volatile.Read(ref _pending) is not null;

    /// <summary>Encodes a pending chunk now, on the calling thread, or waits for the thread encoding it.</summary>
    internal void Resolve()
    {
        if (Volatile.Read(ref _pending) is { } pending) Encode(pending);
    }

    /// <summary>
    /// Drops a pending chunk that nothing will read (removed from the store in the batch that wrote it, before any frame
    /// or base captured it): it gets no bytes, and its table is free.
    /// </summary>
    internal void Abandon()
    {
        if (Volatile.Read(ref _pending) is not { } pending) return;
        lock (pending.EncodeLock) Volatile.Write(ref _pending, null);
    }

    private void Encode(IPendingChunk pending)
    {
        lock (pending.EncodeLock)
        {
            // Another thread may have encoded it while this one waited for the lock.
            if (_pending is null) return;
            (_bytes, _length) = pending.Encode();
            Volatile.Write(ref _pending, null);
        }
    }

    /// <summary>Stores a chunk as its <see cref="Length"/> bytes.</summary>
    internal sealed class Serializer : IStateSerializer<WindowChunk>
    {
        /// <summary>The shared instance; the serializer holds no state.</summary>
        public static Serializer Instance { get; } = new();

        /// <inheritdoc />
        public void Serialize(in WindowChunk value, IBufferWriter<byte> writer) => writer.Write(value.Span);

        /// <inheritdoc />
        public WindowChunk Deserialize(ReadOnlySpan<byte> bytes) => new(bytes.ToArray(), bytes.Length);
    }
}
