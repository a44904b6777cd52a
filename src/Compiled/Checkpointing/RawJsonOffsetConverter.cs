using System.Text.Json;
using System.Text.Json.Serialization;
using Compiled.Sources;

namespace Compiled.Checkpointing;

/// <summary>
/// Stores a <see cref="SourceOffset"/> as the JSON value it contains rather than as an escaped string, so
/// <c>offsets/N</c> stays readable; reading returns the exact original text, so a replayed range compares
/// equal to the one that was logged.
/// </summary>
internal sealed class RawJsonOffsetConverter : JsonConverter<SourceOffset>
{
    /// <inheritdoc />
    public override SourceOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return new SourceOffset(document.RootElement.GetRawText());
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, SourceOffset value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.Json);
}
