namespace Compiled.Generators.Tests.Infrastructure;

/// <summary>
/// Event-time queries as source text. They are not under Queries/, which the test project compiles with the
/// generator: windowed queries are modelled and validated but not emitted yet (CQ0003 until then).
/// </summary>
internal static class EventTimeQueries
{
    /// <summary>The row types the queries read.</summary>
    public const string Rows = """
        public enum Side { Buy, Sell }
        public sealed record Trade(DateTime CreatedTime, string Type, int Amount, string BrokerCode, long Time, DateTimeOffset At, int GapMinutes);
        public sealed record WindowTotal(DateTime Start, DateTime End, long TotalBuy, long TotalSell);
        public sealed record BrokerWindowTotal(DateTime Start, string Broker, long Total);
        """;

    /// <summary>Queries by name, each the single [StreamingQuery] class of its text.</summary>
    public static IReadOnlyDictionary<string, string> All { get; } = new Dictionary<string, string>
    {
        ["TumblingAppend"] = Query("Append", "IStream<WindowTotal>", """
            trades
                .WithWatermark(t => t.CreatedTime, TimeSpan.FromMinutes(30))
                .GroupBy(t => Window.Tumbling(t.CreatedTime, TimeSpan.FromMinutes(15)))
                .Select(g => new WindowTotal(g.Key.Start, g.Key.End, g.Sum(t => t.Type == "BUY" ? t.Amount : 0), g.Sum(t => t.Type == "SELL" ? t.Amount : 0)))
            """),
        ["SlidingByBroker"] = Query("Update", "IStream<BrokerWindowTotal>", """
            trades
                .WithWatermark(t => t.Time, TimeSpan.FromSeconds(10), LateRows.ToSink)
                .GroupBy(t => (Window.Sliding(t.Time, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(5)), t.BrokerCode))
                .Select(g => new BrokerWindowTotal(g.Key.Item1.Start, g.Key.Item2, g.Sum(t => (long)t.Amount)))
            """),
        ["SessionPerRowGap"] = Query("Append", "IStream<BrokerWindowTotal>", """
            trades
                .WithWatermark(t => t.At, new TimeSpan(0, 5, 0))
                .GroupBy(t => new { Broker = t.BrokerCode, W = Window.Session(t.At, TimeSpan.FromMinutes(t.GapMinutes)) })
                .Select(g => new BrokerWindowTotal(g.Key.W.Start, g.Key.Broker, g.LongCount()))
            """),
        ["ProcessingTime"] = Query("Update", "IStream<WindowTotal>", """
            trades
                .GroupBy(t => Window.Tumbling(Window.ProcessingTime, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1)))
                .Select(g => new WindowTotal(g.Key.Start, g.Key.End, g.LongCount(), 0))
            """),
    };

    /// <summary>A query class named <c>Q</c> with the given mode, output and body over <c>trades</c>.</summary>
    public static string Query(string mode, string output, string body) =>
        "[StreamingQuery(OutputMode." + mode + ")] public static partial class Q { static " + output
        + " Define(IStream<Trade> trades) => " + body + "; }";
}
