using System.Buffers;
using Compiled.State;
using Compiled.State.Serializers;

namespace Compiled.KeyedState;

/// <summary>Encodes a <see cref="NullableKey{T}"/> whose key holds references: a presence byte, then the key through <paramref name="key"/>.</summary>
/// <typeparam name="T">The key type without its nullability.</typeparam>
/// <param name="key">The serialiser of the non-null key.</param>
public sealed class NullableKeySerializer<T>(IStateSerializer<T> key) : IStateSerializer<NullableKey<T>>
{
    /// <inheritdoc/>
    public void Serialize(in NullableKey<T> value, IBufferWriter<byte> writer)
    {
        StateCodec.WriteRaw(writer, value.HasValue);
        if (value.HasValue) key.Serialize(value.Value, writer);
    }

    /// <inheritdoc/>
    public NullableKey<T> Deserialize(ReadOnlySpan<byte> bytes)
    {
        int offset = 0;
        return StateCodec.ReadRaw<bool>(bytes, ref offset) ? new NullableKey<T>(true, key.Deserialize(bytes[offset..])) : default;
    }
}
