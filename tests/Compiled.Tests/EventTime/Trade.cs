namespace Compiled.Tests.EventTime;

/// <summary>A trade of the TradeWindows example (issue 6 §5).</summary>
public sealed record Trade(DateTime CreatedTime, string Type, int Amount, string BrokerCode);

/// <summary>One window's totals of the TradeWindows example.</summary>
public sealed record TradeTotals(DateTime Start, DateTime End, long TotalBuy, long TotalSell);
