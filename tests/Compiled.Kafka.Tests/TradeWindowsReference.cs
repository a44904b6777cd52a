using System.Globalization;

namespace Compiled.Kafka.Tests;

/// <summary>Trades for samples/KafkaTrades and what its append mode must write for them, computed with LINQ.</summary>
internal static class TradeWindowsReference
{
    private static readonly DateTime FirstTrade = new(2026, 3, 1, 10, 0, 0, DateTimeKind.Utc);

    /// <summary><paramref name="count"/> trades three minutes apart (every other one a minute later), a third of them sells.</summary>
    public static (DateTime Time, string Type, int Amount)[] Trades(int count) => Enumerable.Range(0, count)
        .Select(i => (Time: FirstTrade.AddMinutes(i * 3 + i % 2), Type: i % 3 == 0 ? "SELL" : "BUY", Amount: i + 1))
        .ToArray();

    /// <summary>The trades as the JSON lines <c>--produce</c> reads.</summary>
    public static IEnumerable<string> JsonLines((DateTime Time, string Type, int Amount)[] trades) => trades.Select(t =>
        $"{{\"CreatedTime\":\"{t.Time:yyyy-MM-dd HH:mm:ss}\",\"Type\":\"{t.Type}\",\"Amount\":{t.Amount},\"BrokerCode\":\"B{t.Amount % 4}\"}}");

    /// <summary>
    /// Append mode's output: each 15-minute window whose end the final watermark (the latest trade time less 30 minutes)
    /// passed, once, keyed by its start, ordered by key.
    /// </summary>
    public static List<(string Key, string Value)> AppendOutput((DateTime Time, string Type, int Amount)[] trades)
    {
        DateTime watermark = trades.Max(t => t.Time).AddMinutes(-30);
        return Totals(trades).Where(w => w.Start.AddMinutes(15) <= watermark).Select(w => (w.Key, w.Value)).ToList();
    }

    /// <summary>Every window's final totals, the last row Update mode writes for it, keyed by its start, ordered by key.</summary>
    public static List<(string Key, string Value)> FinalTotals((DateTime Time, string Type, int Amount)[] trades) =>
        Totals(trades).Select(w => (w.Key, w.Value)).ToList();

    private static IEnumerable<(DateTime Start, string Key, string Value)> Totals((DateTime Time, string Type, int Amount)[] trades) => trades
        .GroupBy(t => new DateTime(t.Time.Ticks / TimeSpan.FromMinutes(15).Ticks * TimeSpan.FromMinutes(15).Ticks, DateTimeKind.Utc))
        .Select(g => (Start: g.Key, Key: g.Key.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            Value: $"{{\"Start\":\"{g.Key:yyyy-MM-dd HH:mm:ss}\",\"End\":\"{g.Key.AddMinutes(15):yyyy-MM-dd HH:mm:ss}\"," +
                   $"\"TotalBuy\":{g.Where(t => t.Type == "BUY").Sum(t => t.Amount)},\"TotalSell\":{g.Where(t => t.Type == "SELL").Sum(t => t.Amount)}}}"))
        .OrderBy(w => w.Key, StringComparer.Ordinal);
}
