using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Compiled.State.Changelog;

/// <summary>A growable byte buffer that frames are built in; reused from batch to batch, so it stops allocating.</summary>
internal sealed class ChangelogBuffer : IBufferWriter<byte>
{
    private byte[] _bytes = new byte[64 << 10];

    /// <summary>Bytes written.</summary>
    public int Length { get; private set; }

    /// <summary>The bytes written so far.</summary>
    public Span<byte> Written => _bytes.AsSpan(0, Length);

    /// <summary>Forgets the contents, keeping the memory.</summary>
    public void Clear() => Length = 0;

    /// <summary>Appends the raw bytes of an unmanaged value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteRaw<T>(in T value)
        where T : unmanaged
    {
        int size = Unsafe.SizeOf<T>();
        MemoryMarshal.Write(GetSpan(size), in value);
        Length += size;
    }

    /// <summary>Reserves room for an int32 written later with <see cref="PatchInt32"/>; returns its position.</summary>
    public int ReserveInt32()
    {
        int at = Length;
        WriteRaw(0);
        return at;
    }

    /// <summary>
    /// Starts an operator's section of a frame: its header (<see cref="ChangelogFrame.SectionHeader"/>), row count and
    /// record count; returns the position <see cref="EndSection"/> completes.
    /// </summary>
    public int BeginSection(byte[] header, long count, int records)
    {
        WriteRaw(header.Length);
        header.CopyTo(GetSpan(header.Length));
        Advance(header.Length);
        WriteRaw(count);
        WriteRaw(records);
        return ReserveInt32();
    }

    /// <summary>Ends the section <see cref="BeginSection"/> started at <paramref name="lengthAt"/>; returns the bytes of its records.</summary>
    public int EndSection(int lengthAt)
    {
        int bytes = Length - lengthAt - sizeof(int);
        PatchInt32(lengthAt, bytes);
        return bytes;
    }

    /// <summary>Writes <paramref name="value"/> at <paramref name="position"/>.</summary>
    public void PatchInt32(int position, int value) => MemoryMarshal.Write(_bytes.AsSpan(position), in value);

    /// <inheritdoc />
    public void Advance(int count) => Length += count;

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _bytes.AsMemory(Length);
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        if (_bytes.Length - Length < Math.Max(sizeHint, 1))
        {
            Grow(sizeHint);
        }

        return _bytes.AsSpan(Length);
    }

    private void Ensure(int sizeHint)
    {
        if (_bytes.Length - Length < Math.Max(sizeHint, 1))
        {
            Grow(sizeHint);
        }
    }

    private void Grow(int sizeHint) => Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, Length + Math.Max(sizeHint, 1)));
}
