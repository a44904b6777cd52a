namespace TradeWindows;

/// <summary>Bought and sold amounts of one 15-minute window, [<see cref="Start"/>, <see cref="End"/>).</summary>
public sealed record TradeTotals(DateTime Start, DateTime End, long TotalBuy, long TotalSell);
