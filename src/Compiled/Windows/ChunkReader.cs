using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Compiled.Windows;

/// <summary>
/// Reads what <see cref="ChunkWriter"/> wrote. Every read is checked: a varint that runs past the chunk, is longer than
/// its type allows or holds a value out of its type's range throws <see cref="InvalidDataException"/>, which the window
/// aggregation reports with the operator, window and chunk at fault.
/// </summary>
public ref struct ChunkReader
{
    private readonly ReadOnlySpan<byte> _span;
    private int _read;

    /// <summary>A reader at the start of <paramref name="span"/>.</summary>
    public ChunkReader(ReadOnlySpan<byte> span) => _span = span;

    /// <summary>Bytes read so far.</summary>
    public readonly int Position => _read;

    /// <summary>Bytes not read yet.</summary>
    public readonly int Remaining => _span.Length - _read;

    /// <summary>The bytes not read yet.</summary>
    public readonly ReadOnlySpan<byte> Rest => _span[_read..];

    /// <summary>Moves past <paramref name="count"/> bytes the caller read from <see cref="Rest"/>.</summary>
    public void Skip(int count)
    {
        if ((uint)count > (uint)Remaining) throw Damaged($"{count} bytes past the end");
        _read += count;
    }

    /// <summary>Reads a varint of at most <paramref name="maxBits"/> significant bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong ReadUnsigned(int maxBits = 64)
    {
        ReadOnlySpan<byte> span = _span;
        int at = _read;
        if ((uint)at < (uint)span.Length && span[at] < 0x80)
        {
            // The common case: one byte.
            _read = at + 1;
            return span[at];
        }
        return ReadLong(maxBits);
    }

    /// <summary>Reads a zigzag varint of at most <paramref name="maxBits"/> bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long ReadSigned(int maxBits = 64)
    {
        ulong zigzag = ReadUnsigned(maxBits);
        return (long)(zigzag >> 1) ^ -(long)(zigzag & 1);
    }

    /// <summary>Reads a <see cref="long"/> written by <see cref="ChunkWriter.WriteSigned"/>.</summary>
    public long ReadInt64() => ReadSigned();

    /// <summary>Reads an <see cref="int"/> written by <see cref="ChunkWriter.WriteSigned"/>.</summary>
    public int ReadInt32() => (int)ReadSigned(32);

    /// <summary>Reads a <see cref="short"/> written by <see cref="ChunkWriter.WriteSigned"/>.</summary>
    public short ReadInt16() => (short)ReadSigned(16);

    /// <summary>Reads an <see cref="sbyte"/> written by <see cref="ChunkWriter.WriteSigned"/>.</summary>
    public sbyte ReadSByte() => (sbyte)ReadSigned(8);

    /// <summary>Reads a <see cref="ulong"/> written by <see cref="ChunkWriter.WriteUnsigned"/>.</summary>
    public ulong ReadUInt64() => ReadUnsigned();

    /// <summary>Reads a <see cref="uint"/> written by <see cref="ChunkWriter.WriteUnsigned"/>.</summary>
    public uint ReadUInt32() => (uint)ReadUnsigned(32);

    /// <summary>Reads a <see cref="ushort"/> written by <see cref="ChunkWriter.WriteUnsigned"/>.</summary>
    public ushort ReadUInt16() => (ushort)ReadUnsigned(16);

    /// <summary>Reads a <see cref="byte"/> written by <see cref="ChunkWriter.WriteUnsigned"/>.</summary>
    public byte ReadByte() => (byte)ReadUnsigned(8);

    /// <summary>Reads a <see cref="char"/> written by <see cref="ChunkWriter.WriteUnsigned"/>.</summary>
    public char ReadChar() => (char)ReadUnsigned(16);

    /// <summary>Reads a value written by <see cref="ChunkWriter.WriteRaw{T}"/>.</summary>
    public T ReadRaw<T>()
    {
        if (Unsafe.SizeOf<T>() > Remaining) throw Damaged($"a {typeof(T).Name} of {Unsafe.SizeOf<T>()} bytes past the end");
        T value = Unsafe.ReadUnaligned<T>(ref Unsafe.AsRef(in _span[_read]));
        _read += Unsafe.SizeOf<T>();
        return value;
    }

    /// <summary>Reads a key part written by <see cref="ChunkWriter.WriteKey{T}"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T ReadKey<T>()
    {
        if (typeof(T) == typeof(int)) { int v = ReadInt32(); return Unsafe.As<int, T>(ref v); }
        if (typeof(T) == typeof(long)) { long v = ReadInt64(); return Unsafe.As<long, T>(ref v); }
        if (typeof(T) == typeof(short)) { short v = ReadInt16(); return Unsafe.As<short, T>(ref v); }
        if (typeof(T) == typeof(uint)) { uint v = ReadUInt32(); return Unsafe.As<uint, T>(ref v); }
        if (typeof(T) == typeof(ulong)) { ulong v = ReadUInt64(); return Unsafe.As<ulong, T>(ref v); }
        if (typeof(T) == typeof(ushort)) { ushort v = ReadUInt16(); return Unsafe.As<ushort, T>(ref v); }
        if (typeof(T) == typeof(char)) { char v = ReadChar(); return Unsafe.As<char, T>(ref v); }
        return ReadRaw<T>();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private ulong ReadLong(int maxBits)
    {
        ReadOnlySpan<byte> span = _span;
        ulong value = 0;
        for (int shift = 0, at = _read; ; shift += 7)
        {
            if (at >= span.Length) throw Damaged($"a varint that runs past the end at byte {_read}");
            byte b = span[at++];
            ulong bits = (ulong)(b & 0x7F);
            // The last byte may carry only the bits left of the type: more (or a continuation past them) is damage.
            int left = maxBits - shift;
            if (left <= 0 || (left < 7 && (bits >> left) != 0)) throw Damaged($"a varint at byte {_read} longer than its {maxBits}-bit type");
            value |= bits << shift;
            if (b < 0x80)
            {
                _read = at;
                return value;
            }
        }
    }

    private static InvalidDataException Damaged(string what) => new("The chunk holds " + what + ".");
}
