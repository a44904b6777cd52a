using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Compiled.Samples;

/// <summary>
/// Reads and writes the samples' <c>CreatedTime</c> as <c>yyyy-MM-dd HH:mm:ss</c> (System.Text.Json's own format needs a
/// 'T'), as a UTC time, so a row lands in the window its text names.
/// </summary>
internal sealed class SecondsTimeConverter : JsonConverter<DateTime>
{
    /// <summary>The format of <c>CreatedTime</c> in the sample files and in the output.</summary>
    public const string Format = "yyyy-MM-dd HH:mm:ss";

    /// <inheritdoc/>
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string? text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        if (text is null || !DateTime.TryParseExact(text, Format, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time))
            throw new JsonException($"CreatedTime must be a string in the form {Format}, e.g. \"2019-02-05 10:05:00\"");
        return time;
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString(Format, CultureInfo.InvariantCulture));
}
