using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Compiled.Sources.Files;
using Compiled.Sources.Json;

namespace Compiled.Generators.Tests.Json;

/// <summary>
/// The generated JSON readers against System.Text.Json itself, over random texts (reordered, unknown, missing, repeated,
/// escaped and case-varied names, nulls, wrong types, numbers at and beyond type limits, malformed text, a converter
/// member) under the file source's default options, case-sensitive options and a source-generated context: whenever a
/// reader takes a text its row is System.Text.Json's, and through the source's parser every text gives System.Text.Json's
/// row or its exact error.
/// </summary>
public sealed class JsonReaderDifferentialTests
{
    private const int Texts = 4000;

    private static readonly JsonMemberShape[] s_settings = [new("Key", "string", Always: true), new("val", "double"), new("Enabled", "bool")];

    private static readonly JsonMemberShape[] s_defaults = [new("Code", "string"), new("Level", "int", Always: true)];

    /// <summary>What the runs compare under: the file source's defaults, case-sensitive defaults, a source-generated context.</summary>
    public static TheoryData<string> OptionSets => new("files", "case-sensitive", "context");

    [Theory]
    [MemberData(nameof(OptionSets))]
    public void Trades_read_as_System_Text_Json_reads_them(string options) =>
        Compare(Options(options), JsonTradeShape.Members, seed: 1, o => (JsonTypeInfo<JsonTrade>)o.GetTypeInfo(typeof(JsonTrade)));

    [Theory]
    [MemberData(nameof(OptionSets))]
    public void Settings_with_a_required_member_read_as_System_Text_Json_reads_them(string options) =>
        Compare(Options(options), s_settings, seed: 2, o => (JsonTypeInfo<JsonSettings>)o.GetTypeInfo(typeof(JsonSettings)));

    [Theory]
    [MemberData(nameof(OptionSets))]
    public void Constructor_defaults_read_as_System_Text_Json_reads_them(string options) =>
        Compare(Options(options), s_defaults, seed: 3, o => (JsonTypeInfo<JsonDefaults>)o.GetTypeInfo(typeof(JsonDefaults)));

    [Fact]
    public void Options_that_change_what_is_read_keep_System_Text_Json()
    {
        Assert.True(JsonRowReaders.ReadsAlike(JsonLinesOptions.Resolve(null)));
        Assert.True(JsonRowReaders.ReadsAlike(JsonRowsContext.Default.Options));
        Assert.False(JsonRowReaders.ReadsAlike(JsonLinesOptions.Resolve(new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase })));
        Assert.False(JsonRowReaders.ReadsAlike(JsonLinesOptions.Resolve(new JsonSerializerOptions { NumberHandling = JsonNumberHandling.AllowReadingFromString })));
        Assert.False(JsonRowReaders.ReadsAlike(JsonLinesOptions.Resolve(new JsonSerializerOptions { Converters = { new SecondsConverter() } })));
        Assert.False(JsonRowReaders.ReadsAlike(JsonLinesOptions.Resolve(new JsonSerializerOptions { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow })));
        Assert.False(JsonRowReaders.ReadsAlike(JsonLinesOptions.Resolve(new JsonSerializerOptions { MaxDepth = 3 })));
        var modified = new DefaultJsonTypeInfoResolver();
        modified.Modifiers.Add(static _ => { });
        Assert.False(JsonRowReaders.ReadsAlike(JsonLinesOptions.Resolve(new JsonSerializerOptions { TypeInfoResolver = modified })));

        // Under options it cannot prove alike, the parser never asks the generated reader: camelCase names would not match.
        var parser = JsonLinesOptions.Parser<JsonDefaults>(new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase });
        Assert.Equal(new JsonDefaults("a", 5), parser.Parse("""{"code":"a","level":5}"""u8));
        Assert.False(parser.UsesGeneratedReader);
    }

    [Fact]
    public void A_converter_that_declines_null_is_not_called_for_null()
    {
        var options = JsonLinesOptions.Resolve(null);
        var typeInfo = (JsonTypeInfo<JsonLenient>)options.GetTypeInfo(typeof(JsonLenient));
        var reader = JsonRowReaders.Find<JsonLenient>()!;
        var parser = new JsonRowParser<JsonLenient>(typeInfo);
        foreach (string json in new[] { "{\"Id\":1,\"At\":null}", "{\"Id\":2,\"At\":\"x\"}", "{\"Id\":3,\"At\":{\"a\":[1]}}" })
        {
            byte[] utf8 = Encoding.UTF8.GetBytes(json);
            (JsonLenient? expected, string? error) = Outcome(() => JsonSerializer.Deserialize(utf8, typeInfo));
            bool took = reader.TryRead(utf8, ignoreCase: true, options, out JsonLenient row);
            Assert.Equal(error is null, took);
            if (took) Assert.Equal(expected, row);
            Assert.Equal((expected, error), Outcome(() => parser.Parse(utf8)));
        }
        // System.Text.Json rejects the null itself (the converter never sees it), so the reader must decline it.
        Assert.StartsWith("JsonException", Outcome(() => JsonSerializer.Deserialize("{\"Id\":1,\"At\":null}", typeInfo)).Error);
    }

    private static JsonSerializerOptions Options(string name) => name switch
    {
        "files" => JsonLinesOptions.Resolve(null),
        "case-sensitive" => JsonLinesOptions.Resolve(new JsonSerializerOptions()),
        _ => JsonRowsContext.Default.Options,
    };

    private static void Compare<T>(JsonSerializerOptions options, JsonMemberShape[] shape, int seed, Func<JsonSerializerOptions, JsonTypeInfo<T>> metadata)
    {
        JsonRowReader<T> reader = JsonRowReaders.Find<T>() ?? throw new InvalidOperationException($"no generated reader registered for {typeof(T).Name}");
        Assert.True(JsonRowReaders.ReadsAlike(options));
        JsonTypeInfo<T> typeInfo = metadata(options);
        var parser = new JsonRowParser<T>(typeInfo);
        var texts = new JsonTextGenerator(new Random(seed), shape);
        int taken = 0, failed = 0;
        for (int i = 0; i < Texts; i++)
        {
            bool clean = i % 4 == 0;
            string json = texts.Next(clean);
            byte[] utf8 = Encoding.UTF8.GetBytes(json);
            (T? expected, string? error) = Outcome(() => JsonSerializer.Deserialize(utf8, typeInfo));
            if (error is not null) failed++;

            bool took;
            T row;
            try
            {
                took = reader.TryRead(utf8, options.PropertyNameCaseInsensitive, options, out row);
            }
            catch (Exception)
            {
                took = false;
                row = default!;
            }
            if (took)
            {
                taken++;
                Assert.True(error is null, $"the reader took a text System.Text.Json rejects ({error}): {json}");
                Assert.True(Same(expected, row), $"rows differ for {json}: System.Text.Json {Show(expected)}, reader {Show(row)}");
            }
            else
            {
                Assert.False(clean && error is null, $"the reader declined a clean text: {json}");
            }

            (T? parsed, string? parseError) = Outcome(() => parser.Parse(utf8));
            Assert.Equal(error, parseError);
            Assert.True(Same(expected, parsed), $"the parser's row differs for {json}: {Show(expected)} vs {Show(parsed)}");
        }
        Assert.True(parser.UsesGeneratedReader);
        // Both kinds of text are exercised: most clean texts are taken by the reader, and many texts are bad.
        Assert.True(taken >= Texts / 5, $"the reader took only {taken} of {Texts} texts");
        Assert.True(failed >= Texts / 10, $"only {failed} of {Texts} texts were bad");
    }

    private static (T? Row, string? Error) Outcome<T>(Func<T?> read)
    {
        try
        {
            return (read(), null);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            return (default, e.GetType().Name + ": " + e.Message);
        }
    }

    private static readonly JsonSerializerOptions s_show = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    /// <summary>Equal rows, compared also as written JSON: DateTime kinds and DateTimeOffset offsets escape record equality.</summary>
    private static bool Same<T>(T? a, T? b) => EqualityComparer<T>.Default.Equals(a, b) && Show(a) == Show(b);

    private static string Show<T>(T? row) => JsonSerializer.Serialize(row, s_show);
}
