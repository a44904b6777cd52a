using Compiled;

namespace TradeWindows;

/// <summary>
/// Bought and sold amounts per 15-minute tumbling window of <c>CreatedTime</c>, with a 30-minute watermark: trades more
/// than 30 minutes behind the latest one seen are dropped. Update mode: every batch prints the windows it changed, and
/// windows behind the watermark are forgotten.
/// </summary>
[StreamingQuery(OutputMode.Update, Name = "TradeWindows")]
public static partial class TradeWindowsQuery
{
    static IStream<TradeTotals> Define(IStream<Trade> trades) => trades
        .WithWatermark(t => t.CreatedTime, TimeSpan.FromMinutes(30))
        .GroupBy(t => Window.Tumbling(t.CreatedTime, TimeSpan.FromMinutes(15)))
        .Select(g => new TradeTotals(g.Key.Start, g.Key.End, g.Sum(Trade.Bought), g.Sum(Trade.Sold)));
}
