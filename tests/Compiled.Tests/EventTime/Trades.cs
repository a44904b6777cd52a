using System.Globalization;

namespace Compiled.Tests.EventTime;

/// <summary>Trades and window totals on 2019-02-05, written as times of day.</summary>
internal static class Trades
{
    /// <summary>A trade at <paramref name="time"/> ("10:05:00"), parsed without a zone as the sample's files are.</summary>
    public static Trade At(string time, string type, int amount) =>
        new(DateTime.Parse("2019-02-05 " + time, CultureInfo.InvariantCulture), type, amount, "ABX");

    /// <summary>The totals row of the window [<paramref name="start"/>, <paramref name="end"/>).</summary>
    public static TradeTotals Totals(string start, string end, long buy, long sell = 0) => new(Utc(start), Utc(end), buy, sell);

    private static DateTime Utc(string time) =>
        DateTime.SpecifyKind(DateTime.Parse("2019-02-05 " + time, CultureInfo.InvariantCulture), DateTimeKind.Utc);
}
