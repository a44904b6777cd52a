using System.Text.Json.Serialization;

namespace KafkaTrades;

/// <summary>
/// Source-generated JSON metadata of the trades and the totals (no reflection); their times use the samples' converter
/// through member attributes. Trades are read by the generated reader, which these options read alike.
/// </summary>
[JsonSerializable(typeof(Trade))]
[JsonSerializable(typeof(TradeTotals))]
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]
public sealed partial class TradeJson : JsonSerializerContext
{
}
