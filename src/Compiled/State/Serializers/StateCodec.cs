using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Compiled.State.Serializers;

/// <summary>
/// The primitives generated state serialisers are built from: unmanaged values as their raw bytes, strings as an
/// int32 length (-1 for null) followed by their UTF-16 code units, which is lossless for any .NET string (unpaired
/// surrogates included). Readers advance <c>offset</c> past what they read.
/// </summary>
/// <remarks>Public because generated code in users' assemblies calls it; the format is part of the checkpoint.</remarks>
public static class StateCodec
{
    private const int NullLength = -1;

    /// <summary>Appends the bytes of <paramref name="value"/>.</summary>
    public static void WriteRaw<T>(IBufferWriter<byte> writer, in T value)
        where T : unmanaged
    {
        int size = Unsafe.SizeOf<T>();
        MemoryMarshal.Write(writer.GetSpan(size), in value);
        writer.Advance(size);
    }

    /// <summary>Reads a value written by <see cref="WriteRaw{T}"/> at <paramref name="offset"/>.</summary>
    public static T ReadRaw<T>(ReadOnlySpan<byte> bytes, ref int offset)
        where T : unmanaged
    {
        T value = MemoryMarshal.Read<T>(bytes.Slice(offset));
        offset += Unsafe.SizeOf<T>();
        return value;
    }

    /// <summary>Appends <paramref name="value"/> (null allowed).</summary>
    public static void WriteString(IBufferWriter<byte> writer, string? value)
    {
        int length = value is null ? NullLength : value.Length;
        WriteRaw(writer, length);
        if (length <= 0) return;
        var chars = MemoryMarshal.AsBytes(value.AsSpan());
        chars.CopyTo(writer.GetSpan(chars.Length));
        writer.Advance(chars.Length);
    }

    /// <summary>Reads a string written by <see cref="WriteString"/> at <paramref name="offset"/>; null stays null.</summary>
    public static string ReadString(ReadOnlySpan<byte> bytes, ref int offset)
    {
        int length = ReadRaw<int>(bytes, ref offset);
        if (length < 0) return null!;
        var chars = MemoryMarshal.Cast<byte, char>(bytes.Slice(offset, length * sizeof(char)));
        offset += length * sizeof(char);
        return new string(chars);
    }
}
