namespace KafkaTrades;

/// <summary>A trade, one JSON object per input message (as in the TradeWindows sample).</summary>
public sealed record Trade(DateTime CreatedTime, string Type, int Amount, string BrokerCode);

/// <summary>One 15-minute window's totals, one JSON object per output message, keyed by <see cref="Start"/>.</summary>
public sealed record TradeTotals(DateTime Start, DateTime End, long TotalBuy, long TotalSell);
