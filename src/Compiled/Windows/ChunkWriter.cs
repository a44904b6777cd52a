using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Compiled.Windows;

/// <summary>
/// Writes the compact form of window entries into a span sized for the largest entry: integers as varints (signed ones
/// zigzag-encoded, so small negative values stay short), everything else as its raw bytes.
/// </summary>
/// <remarks>
/// W2's entries (an int key and a count of about one) take about four bytes this way instead of twelve; the chunk is
/// what every batch must make durable, so its size is the cost of the fsync. <see cref="ChunkReader"/> reads it back.
/// </remarks>
public ref struct ChunkWriter
{
    /// <summary>Bytes a varint of a 64-bit value can take.</summary>
    public const int MaxVarintBytes = 10;

    private readonly Span<byte> _span;
    private int _written;

    /// <summary>A writer into <paramref name="span"/>, which must hold the largest entry the caller writes.</summary>
    public ChunkWriter(Span<byte> span) => _span = span;

    /// <summary>Bytes written so far.</summary>
    public readonly int Written => _written;

    /// <summary>Bytes left in the span.</summary>
    public readonly int Free => _span.Length - _written;

    /// <summary>Writes a signed integer as a zigzag varint.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteSigned(long value) => WriteUnsigned((ulong)((value << 1) ^ (value >> 63)));

    /// <summary>Writes an unsigned integer as a varint: seven bits a byte, low bits first, the high bit set on all but the last.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteUnsigned(ulong value)
    {
        // Bounds-checked stores: a span too small for the entry fails here rather than writing past it.
        Span<byte> span = _span;
        int at = _written;
        while (value >= 0x80)
        {
            span[at++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[at++] = (byte)value;
        _written = at;
    }

    /// <summary>Writes <paramref name="value"/> as its raw bytes (types without a compact form).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteRaw<T>(in T value)
    {
        Unsafe.WriteUnaligned(ref MemoryMarshal.GetReference(_span.Slice(_written, Unsafe.SizeOf<T>())), value);
        _written += Unsafe.SizeOf<T>();
    }

    /// <summary>
    /// Writes an unmanaged key part: integer types as varints, anything else raw. The type tests fold away when the JIT
    /// specialises the caller for <typeparamref name="T"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteKey<T>(in T value)
    {
        if (typeof(T) == typeof(int)) WriteSigned(Unsafe.As<T, int>(ref Unsafe.AsRef(in value)));
        else if (typeof(T) == typeof(long)) WriteSigned(Unsafe.As<T, long>(ref Unsafe.AsRef(in value)));
        else if (typeof(T) == typeof(short)) WriteSigned(Unsafe.As<T, short>(ref Unsafe.AsRef(in value)));
        else if (typeof(T) == typeof(uint)) WriteUnsigned(Unsafe.As<T, uint>(ref Unsafe.AsRef(in value)));
        else if (typeof(T) == typeof(ulong)) WriteUnsigned(Unsafe.As<T, ulong>(ref Unsafe.AsRef(in value)));
        else if (typeof(T) == typeof(ushort)) WriteUnsigned(Unsafe.As<T, ushort>(ref Unsafe.AsRef(in value)));
        else if (typeof(T) == typeof(char)) WriteUnsigned(Unsafe.As<T, char>(ref Unsafe.AsRef(in value)));
        else WriteRaw(in value);
    }

    /// <summary>The most bytes <see cref="WriteKey{T}"/> writes for a <typeparamref name="T"/>.</summary>
    public static int MaxKeyBytes<T>() =>
        typeof(T) == typeof(int) || typeof(T) == typeof(uint) ? 5
        : typeof(T) == typeof(long) || typeof(T) == typeof(ulong) ? MaxVarintBytes
        : typeof(T) == typeof(short) || typeof(T) == typeof(ushort) || typeof(T) == typeof(char) ? 3
        : Unsafe.SizeOf<T>();
}
