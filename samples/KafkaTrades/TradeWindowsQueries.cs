using Compiled;

namespace KafkaTrades;

/// <summary>
/// Bought and sold amounts per 15-minute tumbling window of <c>CreatedTime</c>, with a 30-minute watermark. Update mode:
/// every batch writes the windows it changed; windows behind the watermark are forgotten.
/// </summary>
[StreamingQuery(OutputMode.Update, Name = "KafkaTrades")]
public static partial class TradeWindowsUpdateQuery
{
    static IStream<TradeTotals> Define(IStream<Trade> trades) => trades
        .WithWatermark(t => t.CreatedTime, TimeSpan.FromMinutes(30))
        .GroupBy(t => Window.Tumbling(t.CreatedTime, TimeSpan.FromMinutes(15)))
        .Select(g => new TradeTotals(g.Key.Start, g.Key.End,
                                     g.Sum(t => t.Type == "BUY" ? t.Amount : 0),
                                     g.Sum(t => t.Type == "SELL" ? t.Amount : 0)));
}

/// <summary>The same query in Append mode: a window is written once, final, in the batch after the watermark passes its end.</summary>
[StreamingQuery(OutputMode.Append, Name = "KafkaTrades")]
public static partial class TradeWindowsAppendQuery
{
    static IStream<TradeTotals> Define(IStream<Trade> trades) => trades
        .WithWatermark(t => t.CreatedTime, TimeSpan.FromMinutes(30))
        .GroupBy(t => Window.Tumbling(t.CreatedTime, TimeSpan.FromMinutes(15)))
        .Select(g => new TradeTotals(g.Key.Start, g.Key.End,
                                     g.Sum(t => t.Type == "BUY" ? t.Amount : 0),
                                     g.Sum(t => t.Type == "SELL" ? t.Amount : 0)));
}
