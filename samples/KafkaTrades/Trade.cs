using System.Text.Json.Serialization;
using Compiled.Samples;

namespace KafkaTrades;

/// <summary>
/// A trade, one JSON object per input message (as in the TradeWindows sample). The converter sits on the member, not in
/// the options, so the reader the generator makes for the query's input reads it, System.Text.Json's converter included.
/// </summary>
public sealed record Trade([property: JsonConverter(typeof(SecondsTimeConverter))] DateTime CreatedTime, string Type, int Amount, string BrokerCode);

/// <summary>One 15-minute window's totals, one JSON object per output message, keyed by <see cref="Start"/>.</summary>
public sealed record TradeTotals(
    [property: JsonConverter(typeof(SecondsTimeConverter))] DateTime Start,
    [property: JsonConverter(typeof(SecondsTimeConverter))] DateTime End,
    long TotalBuy,
    long TotalSell);
