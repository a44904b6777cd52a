using System.Buffers;

namespace Compiled.State;

/// <summary>
/// Turns a state key or value that holds references into bytes and back. The generator emits one per
/// non-blittable type; unmanaged types are stored as they are and need none.
/// </summary>
public interface IStateSerializer<T>
{
    /// <summary>Appends the encoding of <paramref name="value"/> to <paramref name="writer"/>.</summary>
    void Serialize(in T value, IBufferWriter<byte> writer);

    /// <summary>Decodes a value written by <see cref="Serialize"/>.</summary>
    T Deserialize(ReadOnlySpan<byte> bytes);
}
