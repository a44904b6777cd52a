using System.Buffers;
using Compiled.State;
using Compiled.State.Serializers;

namespace Compiled.KeyedState;

/// <summary>Encodes a <see cref="GroupStateEntry{TState}"/> whose state holds references: a presence byte, the timeout, then the state through <paramref name="state"/>.</summary>
/// <typeparam name="TState">The user's state type.</typeparam>
/// <param name="state">The generated serialiser of the state type.</param>
public sealed class GroupStateEntrySerializer<TState>(IStateSerializer<TState> state) : IStateSerializer<GroupStateEntry<TState>>
{
    /// <inheritdoc/>
    public void Serialize(in GroupStateEntry<TState> value, IBufferWriter<byte> writer)
    {
        StateCodec.WriteRaw(writer, value.Exists);
        StateCodec.WriteRaw(writer, value.TimeoutMs);
        if (value.Exists) state.Serialize(value.Value, writer);
    }

    /// <inheritdoc/>
    public GroupStateEntry<TState> Deserialize(ReadOnlySpan<byte> bytes)
    {
        int offset = 0;
        var entry = new GroupStateEntry<TState>
        {
            Exists = StateCodec.ReadRaw<bool>(bytes, ref offset),
            TimeoutMs = StateCodec.ReadRaw<long>(bytes, ref offset),
        };
        if (entry.Exists) entry.Value = state.Deserialize(bytes[offset..]);
        return entry;
    }
}
