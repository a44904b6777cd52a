using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Compiled.State.Changelog;

/// <summary>
/// How a key or value is written into the changelog: an unmanaged type as its raw bytes, anything else as an int32
/// length and its serializer's bytes.
/// </summary>
internal sealed class EntryCodec<T>(IStateSerializer<T>? serializer)
{
    private static readonly bool s_raw = !RuntimeHelpers.IsReferenceOrContainsReferences<T>();

    /// <summary>Appends <paramref name="value"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write(ChangelogBuffer buffer, in T value)
    {
        if (s_raw)
        {
            int size = Unsafe.SizeOf<T>();
            Unsafe.WriteUnaligned(ref MemoryMarshal.GetReference(buffer.GetSpan(size)), value);
            buffer.Advance(size);
            return;
        }

        int lengthAt = buffer.ReserveInt32();
        int start = buffer.Length;
        serializer!.Serialize(in value, buffer);
        buffer.PatchInt32(lengthAt, buffer.Length - start);
    }

    /// <summary>Reads a value written by <see cref="Write"/> at <paramref name="offset"/>, moving past it.</summary>
    public T Read(ReadOnlySpan<byte> bytes, ref int offset)
    {
        if (s_raw)
        {
            T raw = Unsafe.ReadUnaligned<T>(ref MemoryMarshal.GetReference(bytes.Slice(offset, Unsafe.SizeOf<T>())));
            offset += Unsafe.SizeOf<T>();
            return raw;
        }

        int length = MemoryMarshal.Read<int>(bytes.Slice(offset));
        T value = serializer!.Deserialize(bytes.Slice(offset + sizeof(int), length));
        offset += sizeof(int) + length;
        return value;
    }
}
