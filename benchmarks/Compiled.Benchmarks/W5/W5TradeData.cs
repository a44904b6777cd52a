using System.Globalization;

namespace Compiled.Benchmarks.W5;

/// <summary>
/// W5's trades: one every 2 seconds from 2019-02-05, each up to 5 minutes earlier than its slot (out of order, never
/// behind the 30-minute watermark), a third of them sells, over 20 broker codes.
/// </summary>
internal static class W5TradeData
{
    private static readonly DateTime First = new(2019, 2, 5, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The JSON line of trade <paramref name="i"/>.</summary>
    public static string Record(int i)
    {
        uint mix = unchecked((uint)i * 2654435761u);
        DateTime time = First.AddSeconds(2.0 * i - mix % 300);
        string type = mix % 3 == 0 ? "SELL" : "BUY";
        long amount = 1 + (mix >> 8) % 1000;
        return string.Create(CultureInfo.InvariantCulture,
            $"{{\"CreatedTime\":\"{time:yyyy-MM-dd HH:mm:ss}\",\"Type\":\"{type}\",\"Amount\":{amount},\"BrokerCode\":\"B{(mix >> 4) % 20:D2}\"}}");
    }
}
