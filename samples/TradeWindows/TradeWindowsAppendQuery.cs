using Compiled;

namespace TradeWindows;

/// <summary>
/// <see cref="TradeWindowsQuery"/> in Append mode: a window is printed once, final, in the batch after the watermark
/// passes its end.
/// </summary>
[StreamingQuery(OutputMode.Append, Name = "TradeWindows")]
public static partial class TradeWindowsAppendQuery
{
    static IStream<TradeTotals> Define(IStream<Trade> trades) => trades
        .WithWatermark(t => t.CreatedTime, TimeSpan.FromMinutes(30))
        .GroupBy(t => Window.Tumbling(t.CreatedTime, TimeSpan.FromMinutes(15)))
        .Select(g => new TradeTotals(g.Key.Start, g.Key.End, g.Sum(Trade.Bought), g.Sum(Trade.Sold)));
}
