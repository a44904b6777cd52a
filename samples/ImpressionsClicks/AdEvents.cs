using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImpressionsClicks;

/// <summary>An ad shown: <c>{"ImpressionID":"…","CreatedTime":"yyyy-MM-dd HH:mm:ss","Campaigner":"…"}</c>.</summary>
public sealed record Impression(
    string ImpressionID,
    [property: JsonConverter(typeof(AdTimeConverter))] DateTime CreatedTime,
    string Campaigner);

/// <summary>A click on an ad: <c>{"ImpressionID":"…","CreatedTime":"yyyy-MM-dd HH:mm:ss"}</c>.</summary>
public sealed record Click(
    string ImpressionID,
    [property: JsonConverter(typeof(AdTimeConverter))] DateTime CreatedTime);

/// <summary>An impression with the time of its click, or <c>null</c> when no click came within 15 minutes.</summary>
public sealed record ImpressionClick(string ImpressionID, string Campaigner, string ImpressionTime, string? ClickTime)
{
    /// <summary>The output row of <paramref name="impression"/> and its <paramref name="click"/> (null: none), times as <c>yyyy-MM-dd HH:mm:ss</c>.</summary>
    public static ImpressionClick Of(Impression impression, Click? click) => new(
        impression.ImpressionID,
        impression.Campaigner,
        impression.CreatedTime.ToString(AdTimeConverter.Format, CultureInfo.InvariantCulture),
        click?.CreatedTime.ToString(AdTimeConverter.Format, CultureInfo.InvariantCulture));
}

/// <summary>Reads and writes <c>CreatedTime</c> as a UTC <c>yyyy-MM-dd HH:mm:ss</c> (System.Text.Json's own format needs a 'T').</summary>
public sealed class AdTimeConverter : JsonConverter<DateTime>
{
    /// <summary>The format of times in the files and in the output.</summary>
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
