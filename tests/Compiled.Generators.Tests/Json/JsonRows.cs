using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Compiled.Generators.Tests.Json;

/// <summary>An enum read from JSON numbers (System.Text.Json's default).</summary>
public enum Side
{
    Buy = 1,
    Sell = 2,
}

/// <summary>An enum over a byte, read from JSON numbers 0-255.</summary>
public enum Level : byte
{
    Low,
    High = 200,
}

/// <summary>A record bound through its constructor with every member kind the generated reader reads, plus settable properties.</summary>
public sealed record JsonTrade(
    string Name,
    int Count,
    long Total,
    double Ratio,
    float Single,
    decimal Price,
    bool Flag,
    DateTime At,
    DateTimeOffset AtOffset,
    Guid Id,
    Side Side,
    Level Level,
    int? MaybeCount,
    Side? MaybeSide,
    [property: JsonPropertyName("short_code")] short ShortCode,
    byte Small,
    sbyte Signed,
    ushort Port,
    uint Unsigned,
    ulong Big,
    [property: JsonConverter(typeof(SecondsConverter))] DateTime Stamp)
{
    /// <summary>A settable property, set only when present.</summary>
    public string? Note { get; set; }

    /// <summary>A settable property with an initializer that stays when the member is missing.</summary>
    public long? Extra { get; set; } = 7;

    /// <summary>Read-only: System.Text.Json skips its value, and so must the reader.</summary>
    public int Computed => Count * 2;
}

/// <summary>A record with a parameterless constructor, a required member and a renamed one.</summary>
public sealed record JsonSettings
{
    /// <summary>Required: a missing key is System.Text.Json's error.</summary>
    public required string Key { get; set; }

    /// <summary>Renamed.</summary>
    [JsonPropertyName("val")]
    public double Value { get; set; } = 1.5;

    /// <summary>Set only when present.</summary>
    public bool Enabled { get; set; }
}

/// <summary>A record whose constructor has a default value: a missing member takes it, as System.Text.Json does.</summary>
public sealed record JsonDefaults(string Code, int Level = 3);

/// <summary>Reads and writes <c>yyyy-MM-dd HH:mm:ss</c> as UTC, failing on anything else (as the samples' converter does).</summary>
public sealed class SecondsConverter : JsonConverter<DateTime>
{
    /// <inheritdoc/>
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String
            || !DateTime.TryParseExact(reader.GetString(), "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime time))
            throw new JsonException("Stamp must be a string in the form yyyy-MM-dd HH:mm:ss");
        return time;
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
}

/// <summary>Queries over the JSON row types, so the generator emits and registers their readers in this assembly.</summary>
[StreamingQuery(OutputMode.Append)]
public static partial class JsonTradeQuery
{
    static IStream<JsonTrade> Define(IStream<JsonTrade> trades) => trades.Where(t => t.Count > 0);
}

/// <summary>See <see cref="JsonTradeQuery"/>.</summary>
[StreamingQuery(OutputMode.Append)]
public static partial class JsonSettingsQuery
{
    static IStream<JsonSettings> Define(IStream<JsonSettings> settings) => settings.Where(s => s.Enabled);
}

/// <summary>See <see cref="JsonTradeQuery"/>.</summary>
[StreamingQuery(OutputMode.Append)]
public static partial class JsonDefaultsQuery
{
    static IStream<JsonDefaults> Define(IStream<JsonDefaults> rows) => rows.Where(r => r.Level > 0);
}

/// <summary>Source-generated metadata of the rows, for the differential test under a <see cref="JsonSerializerContext"/>.</summary>
[JsonSerializable(typeof(JsonTrade))]
[JsonSerializable(typeof(JsonSettings))]
[JsonSerializable(typeof(JsonDefaults))]
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]
internal sealed partial class JsonRowsContext : JsonSerializerContext
{
}

/// <summary>A row whose converter reads any value, null included, but declines null through <see cref="JsonConverter{T}.HandleNull"/>.</summary>
public sealed record JsonLenient(int Id, [property: JsonConverter(typeof(LenientTimeConverter))] DateTime At);

/// <summary>Reads every token as <see cref="DateTime.UnixEpoch"/> and skips it; asks System.Text.Json not to pass null.</summary>
public sealed class LenientTimeConverter : JsonConverter<DateTime>
{
    /// <inheritdoc/>
    public override bool HandleNull => false;

    /// <inheritdoc/>
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        reader.Skip();
        return DateTime.UnixEpoch;
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) => writer.WriteNullValue();
}

/// <summary>See <see cref="JsonTradeQuery"/>.</summary>
[StreamingQuery(OutputMode.Append)]
public static partial class JsonLenientQuery
{
    static IStream<JsonLenient> Define(IStream<JsonLenient> rows) => rows.Where(r => r.Id > 0);
}
