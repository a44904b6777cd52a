using System.Buffers;
using System.Text;
using Compiled.State;

namespace Compiled.CrashHost;

/// <summary>State key serializer for strings: their UTF-8 bytes.</summary>
public sealed class Utf8StringSerializer : IStateSerializer<string>
{
    /// <summary>The one instance (it holds nothing).</summary>
    public static Utf8StringSerializer Instance { get; } = new();

    /// <inheritdoc />
    public void Serialize(in string value, IBufferWriter<byte> writer)
    {
        int length = Encoding.UTF8.GetBytes(value, writer.GetSpan(Encoding.UTF8.GetMaxByteCount(value.Length)));
        writer.Advance(length);
    }

    /// <inheritdoc />
    public string Deserialize(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);
}
