using System.Globalization;
using System.Text.Json.Serialization;
using Compiled.Samples;

namespace ImpressionsClicks;

/// <summary>An ad shown: <c>{"ImpressionID":"…","CreatedTime":"yyyy-MM-dd HH:mm:ss","Campaigner":"…"}</c>.</summary>
public sealed record Impression(
    string ImpressionID,
    [property: JsonConverter(typeof(SecondsTimeConverter))] DateTime CreatedTime,
    string Campaigner);

/// <summary>A click on an ad: <c>{"ImpressionID":"…","CreatedTime":"yyyy-MM-dd HH:mm:ss"}</c>.</summary>
public sealed record Click(
    string ImpressionID,
    [property: JsonConverter(typeof(SecondsTimeConverter))] DateTime CreatedTime);

/// <summary>An impression with the time of its click, or <c>null</c> when no click came within 15 minutes.</summary>
public sealed record ImpressionClick(string ImpressionID, string Campaigner, string ImpressionTime, string? ClickTime)
{
    /// <summary>The output row of <paramref name="impression"/> and its <paramref name="click"/> (null: none), times as <c>yyyy-MM-dd HH:mm:ss</c>.</summary>
    public static ImpressionClick Of(Impression impression, Click? click) => new(
        impression.ImpressionID,
        impression.Campaigner,
        impression.CreatedTime.ToString(SecondsTimeConverter.Format, CultureInfo.InvariantCulture),
        click?.CreatedTime.ToString(SecondsTimeConverter.Format, CultureInfo.InvariantCulture));
}
