using System.Buffers;
using System.Buffers.Binary;
using Compiled.State;
using Compiled.State.Serializers;

namespace Compiled.Windows;

/// <summary>
/// Encodes a <see cref="WindowKey{TKey}"/> whose other key parts hold references: start and end as 8 little-endian bytes
/// each, then the parts through their own serializer.
/// </summary>
public sealed class WindowKeySerializer<TKey> : IStateSerializer<WindowKey<TKey>>
{
    private const int TimesBytes = 2 * sizeof(long);
    private readonly IStateSerializer<TKey> _key;

    /// <summary>Creates the serializer over <paramref name="key"/>, or the built-in serializer of <typeparamref name="TKey"/> when null.</summary>
    /// <exception cref="NotSupportedException"><typeparamref name="TKey"/> needs a serializer and none was given.</exception>
    public WindowKeySerializer(IStateSerializer<TKey>? key = null) =>
        _key = key ?? StateSerializers.Default<TKey>()
            ?? throw new NotSupportedException($"The window key part {typeof(TKey)} holds references and has no built-in serializer; pass one.");

    /// <inheritdoc />
    public void Serialize(in WindowKey<TKey> value, IBufferWriter<byte> writer)
    {
        Span<byte> times = writer.GetSpan(TimesBytes);
        BinaryPrimitives.WriteInt64LittleEndian(times, value.StartMs);
        BinaryPrimitives.WriteInt64LittleEndian(times[sizeof(long)..], value.EndMs);
        writer.Advance(TimesBytes);
        _key.Serialize(value.Key, writer);
    }

    /// <inheritdoc />
    public WindowKey<TKey> Deserialize(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < TimesBytes)
            throw new InvalidDataException($"A serialized window key has at least {TimesBytes} bytes; got {bytes.Length}.");
        return new WindowKey<TKey>(
            BinaryPrimitives.ReadInt64LittleEndian(bytes),
            BinaryPrimitives.ReadInt64LittleEndian(bytes[sizeof(long)..]),
            _key.Deserialize(bytes[TimesBytes..]));
    }
}
