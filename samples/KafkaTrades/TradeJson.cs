using System.Text.Json.Serialization;
using Compiled.Samples;

namespace KafkaTrades;

/// <summary>Source-generated JSON metadata of the trades and the totals (no reflection).</summary>
[JsonSerializable(typeof(Trade))]
[JsonSerializable(typeof(TradeTotals))]
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, Converters = [typeof(SecondsTimeConverter)])]
public sealed partial class TradeJson : JsonSerializerContext
{
}
