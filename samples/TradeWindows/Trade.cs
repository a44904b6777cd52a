using System.Text.Json.Serialization;
using Compiled.Samples;

namespace TradeWindows;

/// <summary>
/// One trade, a JSON line such as <c>{"CreatedTime":"2019-02-05 10:05:00","Type":"BUY","Amount":500,"BrokerCode":"ABX"}</c>.
/// </summary>
/// <param name="CreatedTime">When the trade was made: the event time, read as UTC.</param>
/// <param name="Type"><c>BUY</c> or <c>SELL</c>.</param>
/// <param name="Amount">The traded amount.</param>
/// <param name="BrokerCode">The broker's code.</param>
public sealed record Trade(
    [property: JsonConverter(typeof(SecondsTimeConverter))] DateTime CreatedTime,
    string Type,
    long Amount,
    string BrokerCode)
{
    /// <summary>The amount if this is a purchase, else 0.</summary>
    public static long Bought(Trade trade) => trade.Type == "BUY" ? trade.Amount : 0;

    /// <summary>The amount if this is a sale, else 0.</summary>
    public static long Sold(Trade trade) => trade.Type == "SELL" ? trade.Amount : 0;
}
