using System.Buffers;

namespace Compiled.State.Serializers;

/// <summary>Stores a byte array as its bytes, unchanged (the stored length is the array length).</summary>
public sealed class ByteArrayStateSerializer : IStateSerializer<byte[]>
{
    /// <summary>The shared instance; the serializer holds no state.</summary>
    public static ByteArrayStateSerializer Instance { get; } = new();

    /// <inheritdoc />
    public void Serialize(in byte[] value, IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(value);
    }

    /// <inheritdoc />
    public byte[] Deserialize(ReadOnlySpan<byte> bytes) => bytes.ToArray();
}
