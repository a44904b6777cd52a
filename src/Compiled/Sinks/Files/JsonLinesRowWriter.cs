using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Compiled.Sources.Files;

namespace Compiled.Sinks.Files;

/// <summary>One JSON object per line (System.Text.Json), UTF-8 without a byte order mark.</summary>
/// <remarks>Rows are serialized into one reused buffer that is flushed to the file in large chunks.</remarks>
internal sealed class JsonLinesRowWriter<T> : IRowFileWriter<T>
{
    private const int FlushThreshold = 1 << 16;

    private readonly JsonTypeInfo<T> _typeInfo;

    /// <summary>
    /// Creates the writer; <paramref name="options"/> replace the defaults, which keep member names as declared
    /// and write NaN and infinities as the strings <c>"NaN"</c>, <c>"Infinity"</c> rather than failing the batch.
    /// </summary>
    public JsonLinesRowWriter(JsonSerializerOptions? options)
    {
        _typeInfo = JsonLinesOptions.TypeInfo<T>(options);
    }

    /// <inheritdoc />
    public string Extension => ".jsonl";

    /// <inheritdoc />
    public void Write(Stream stream, ReadOnlySpan<T> rows)
    {
        var buffer = new ArrayBufferWriter<byte>(FlushThreshold * 2);
        using var writer = new Utf8JsonWriter(buffer);
        foreach (var row in rows)
        {
            JsonSerializer.Serialize(writer, row, _typeInfo);
            writer.Flush();
            writer.Reset();
            buffer.GetSpan(1)[0] = (byte)'\n';
            buffer.Advance(1);
            if (buffer.WrittenCount >= FlushThreshold)
            {
                stream.Write(buffer.WrittenSpan);
                buffer.ResetWrittenCount();
            }
        }
        stream.Write(buffer.WrittenSpan);
    }
}
