using System.Buffers;
using Compiled.State;

namespace Compiled.Windows;

/// <summary>
/// One chunk of a window's durable entries: the first <see cref="Length"/> bytes of <see cref="Bytes"/>, which may be
/// longer (a recycled buffer). The value type of the window state store, so its name in the state schema also names the
/// chunk encoding: a checkpoint written with another encoding is refused by the schema check, never misread.
/// </summary>
public sealed class WindowChunk
{
    /// <summary>A chunk of the first <paramref name="length"/> bytes of <paramref name="bytes"/>.</summary>
    public WindowChunk(byte[] bytes, int length)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)length, (uint)bytes.Length, nameof(length));
        Bytes = bytes;
        Length = length;
    }

    /// <summary>The buffer holding the chunk.</summary>
    public byte[] Bytes { get; }

    /// <summary>Bytes of <see cref="Bytes"/> the chunk holds.</summary>
    public int Length { get; }

    /// <summary>The chunk's bytes.</summary>
    public ReadOnlySpan<byte> Span => Bytes.AsSpan(0, Length);

    /// <summary>Stores a chunk as its <see cref="Length"/> bytes.</summary>
    internal sealed class Serializer : IStateSerializer<WindowChunk>
    {
        /// <summary>The shared instance; the serializer holds no state.</summary>
        public static Serializer Instance { get; } = new();

        /// <inheritdoc />
        public void Serialize(in WindowChunk value, IBufferWriter<byte> writer) => writer.Write(value.Span);

        /// <inheritdoc />
        public WindowChunk Deserialize(ReadOnlySpan<byte> bytes) => new(bytes.ToArray(), bytes.Length);
    }
}
