using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace KafkaTrades;

/// <summary>Times as <c>yyyy-MM-dd HH:mm:ss</c> (UTC) in and out; input may also be any ISO 8601 time.</summary>
public sealed class SecondsDateTimeConverter : JsonConverter<DateTime>
{
    /// <summary>The output format.</summary>
    public const string Format = "yyyy-MM-dd HH:mm:ss";

    /// <inheritdoc />
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string? text = reader.GetString();
        if (DateTime.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime exact))
            return exact;
        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime parsed))
            return parsed;
        throw new JsonException($"'{text}' is not a time in the form {Format} or ISO 8601.");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString(Format, CultureInfo.InvariantCulture));
}
