using System.Globalization;
using System.Text;
using System.Text.Json;
using Compiled.Samples;

namespace Compiled.EndToEnd.Tests.Sample;

/// <summary>The samples' CreatedTime parser agrees with <see cref="DateTime.TryParseExact(string, string, IFormatProvider, DateTimeStyles, out DateTime)"/>.</summary>
public sealed class SecondsTimeConverterTests
{
    public static TheoryData<string> Texts => new()
    {
        "2019-02-05 10:05:00", "0001-01-01 00:00:00", "9999-12-31 23:59:59", "2024-02-29 12:00:00",
        "2023-02-29 12:00:00", "2019-13-05 10:05:00", "2019-00-05 10:05:00", "2019-02-00 10:05:00", "2019-04-31 10:05:00",
        "2019-02-05 24:00:00", "2019-02-05 10:60:00", "2019-02-05 10:05:60", "0000-02-05 10:05:00",
        "2019-02-05T10:05:00", "2019/02/05 10:05:00", "2019-02-05 10:05", "2019-02-05 10:05:00Z", " 2019-02-05 10:05:0",
        "2019-0a-05 10:05:00", "2019-02-05 1:05:00 ", "",
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void TryParse_AgreesWithTryParseExact(string text)
    {
        bool expected = DateTime.TryParseExact(text, SecondsTimeConverter.Format, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime exact);
        Assert.Equal(expected, SecondsTimeConverter.TryParse(Encoding.ASCII.GetBytes(text), out DateTime parsed));
        if (expected)
        {
            Assert.Equal(exact, parsed);
            Assert.Equal(DateTimeKind.Utc, parsed.Kind);
        }
    }

    [Fact]
    public void Read_EscapedText_TakesTheStringPath()
    {
        var options = new JsonSerializerOptions { Converters = { new SecondsTimeConverter() } };
        Assert.Equal(new DateTime(2019, 2, 5, 10, 5, 0, DateTimeKind.Utc), JsonSerializer.Deserialize<DateTime>("\"2019-02-05\\u002010:05:00\"", options));
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<DateTime>("\"2019-02-30 10:05:00\"", options));
        Assert.Contains("yyyy-MM-dd HH:mm:ss", error.Message);
    }
}
