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
        // Parsed from the UTF-8 bytes: the string and TryParseExact would cost more than the rest of the row.
        if (reader.TokenType == JsonTokenType.String && !reader.HasValueSequence && !reader.ValueIsEscaped
            && TryParse(reader.ValueSpan, out DateTime fast))
            return fast;
        string? text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        if (text is null || !DateTime.TryParseExact(text, Format, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time))
            throw new JsonException($"CreatedTime must be a string in the form {Format}, e.g. \"2019-02-05 10:05:00\"");
        return time;
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString(Format, CultureInfo.InvariantCulture));

    /// <summary>Parses <c>yyyy-MM-dd HH:mm:ss</c> in ASCII as a UTC time; false for any other text or an invalid date.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out DateTime time)
    {
        time = default;
        if (text.Length != Format.Length || text[4] != '-' || text[7] != '-' || text[10] != ' ' || text[13] != ':' || text[16] != ':')
            return false;
        if (!Digits(text[..4], out int year) || !Digits(text.Slice(5, 2), out int month) || !Digits(text.Slice(8, 2), out int day)
            || !Digits(text.Slice(11, 2), out int hour) || !Digits(text.Slice(14, 2), out int minute) || !Digits(text.Slice(17, 2), out int second))
            return false;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
            return false;
        time = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc);
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        foreach (byte b in digits)
        {
            uint digit = (uint)(b - '0');
            if (digit > 9) return false;
            value = value * 10 + (int)digit;
        }
        return true;
    }
}
