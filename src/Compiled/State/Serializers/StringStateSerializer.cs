using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Compiled.State.Serializers;

/// <summary>
/// Stores a string as a 4-byte little-endian UTF-8 byte count followed by the UTF-8 bytes; null is a count of -1.
/// </summary>
/// <remarks>
/// The encoding is deterministic (one string, one byte sequence), which state keys require: FASTER compares and
/// hashes serialized keys byte by byte. <see cref="Write"/> and <see cref="Read"/> let generated record serializers
/// embed strings in a larger encoding.
/// </remarks>
public sealed class StringStateSerializer : IStateSerializer<string>
{
    private const int NullLength = -1;

    /// <summary>The shared instance; the serializer holds no state.</summary>
    public static StringStateSerializer Instance { get; } = new();

    /// <inheritdoc />
    public void Serialize(in string value, IBufferWriter<byte> writer) => Write(value, writer);

    /// <inheritdoc />
    public string Deserialize(ReadOnlySpan<byte> bytes)
    {
        string value = Read(ref bytes);
        if (!bytes.IsEmpty)
        {
            throw new InvalidDataException($"A serialized string is followed by {bytes.Length} unexpected bytes.");
        }

        return value;
    }

    /// <summary>Appends the length-prefixed encoding of <paramref name="value"/> (null allowed).</summary>
    public static void Write(string? value, IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is null)
        {
            BinaryPrimitives.WriteInt32LittleEndian(writer.GetSpan(sizeof(int)), NullLength);
            writer.Advance(sizeof(int));
            return;
        }

        int byteCount = Encoding.UTF8.GetByteCount(value);
        Span<byte> span = writer.GetSpan(sizeof(int) + byteCount);
        BinaryPrimitives.WriteInt32LittleEndian(span, byteCount);
        Encoding.UTF8.GetBytes(value, span[sizeof(int)..]);
        writer.Advance(sizeof(int) + byteCount);
    }

    /// <summary>Reads one string written by <see cref="Write"/> and moves <paramref name="bytes"/> past it.</summary>
    public static string Read(ref ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < sizeof(int))
        {
            throw new InvalidDataException($"A serialized string needs at least {sizeof(int)} bytes; got {bytes.Length}.");
        }

        int byteCount = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        if (byteCount == NullLength)
        {
            bytes = bytes[sizeof(int)..];
            return null!;
        }

        if (byteCount < 0 || byteCount > bytes.Length - sizeof(int))
        {
            throw new InvalidDataException($"A serialized string claims {byteCount} bytes but only {bytes.Length - sizeof(int)} follow.");
        }

        string value = Encoding.UTF8.GetString(bytes.Slice(sizeof(int), byteCount));
        bytes = bytes[(sizeof(int) + byteCount)..];
        return value;
    }
}
