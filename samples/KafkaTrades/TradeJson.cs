using System.Text.Json.Serialization;

namespace KafkaTrades;

/// <summary>Source-generated JSON metadata of the trades and the totals (no reflection).</summary>
[JsonSerializable(typeof(Trade))]
[JsonSerializable(typeof(TradeTotals))]
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, Converters = [typeof(SecondsDateTimeConverter)])]
public sealed partial class TradeJson : JsonSerializerContext
{
}
