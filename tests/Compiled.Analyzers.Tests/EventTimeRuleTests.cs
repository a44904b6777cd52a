using Compiled.Analyzers.Rules;
using Compiled.Analyzers.Tests.Harness;

namespace Compiled.Analyzers.Tests;

/// <summary>
/// The event-time rules (CQ1002 in full, CQ1003, CQ1004, CQ1101, CQ1102, CQ1103, CQ1106), each reported by its
/// analyzer from the shared validation pass on the exact span, and quiet on the compliant form.
/// </summary>
public sealed class EventTimeRuleTests
{
    private const string Rows = """
        public sealed record Trade(DateTime CreatedTime, DateTime SettledTime, string Broker, int Amount);
        public sealed record WindowTotal(DateTime Start, DateTime End, long Total);
        public sealed record BrokerTotal(string Broker, DateTime Start, long Total);
        public sealed record Placed(DateTime At, DateTime Settled, int Amount);
        public sealed class Booking { public DateTime When { get; set; } public int Amount { get; set; } }
        """;

    private static string Query(string mode, string output, string body) =>
        Rows + "\n[StreamingQuery(OutputMode." + mode + ")] static partial class Q { static IStream<" + output
        + "> Define(IStream<Trade> trades) => trades" + body + "; }";

    private const string Tumbling = ".GroupBy(t => Window.Tumbling(t.CreatedTime, TimeSpan.FromMinutes(15))).Select(g => new WindowTotal(g.Key.Start, g.Key.End, g.Sum(t => t.Amount)))";
    private const string Watermark = ".WithWatermark(t => t.CreatedTime, TimeSpan.FromMinutes(30))";

    [Fact]
    public Task CQ1002_append_window_without_a_watermark() => AnalyzerVerifier<AppendModeAggregationWithoutWatermarkAnalyzer>.VerifyAsync(
        Query("Append", "WindowTotal", ".[|GroupBy(t => Window.Tumbling(t.CreatedTime, TimeSpan.FromMinutes(15)))|].Select(g => new WindowTotal(g.Key.Start, g.Key.End, g.Sum(t => t.Amount)))"));

    [Fact]
    public Task CQ1002_append_watermark_without_a_window() => AnalyzerVerifier<AppendModeAggregationWithoutWatermarkAnalyzer>.VerifyAsync(
        Query("Append", "BrokerTotal", Watermark + ".[|GroupBy(t => t.Broker)|].Select(g => new BrokerTotal(g.Key, default, g.Sum(t => t.Amount)))"));

    [Theory]
    [InlineData("Append", Watermark + Tumbling)]
    [InlineData("Append", ".GroupBy(t => Window.Tumbling(Window.ProcessingTime, TimeSpan.FromMinutes(1))).Select(g => new WindowTotal(g.Key.Start, g.Key.End, g.LongCount()))")]
    [InlineData("Update", Tumbling)]
    public Task CQ1002_not_reported_for_a_watermarked_window_or_other_modes(string mode, string body) =>
        AnalyzerVerifier<AppendModeAggregationWithoutWatermarkAnalyzer>.VerifyAsync(Query(mode, "WindowTotal", body));

    [Fact]
    public async Task CQ1002_message_names_the_grouping()
    {
        var diagnostic = Assert.Single(await AnalyzerVerifier<AppendModeAggregationWithoutWatermarkAnalyzer>.GetDiagnosticsAsync(
            Query("Append", "BrokerTotal", ".GroupBy(t => t.Broker).Select(g => new BrokerTotal(g.Key, default, g.Sum(t => t.Amount)))")));
        Assert.Contains("Query 'Q' aggregates in OutputMode.Append, but its grouping 't => t.Broker' has no event-time window and no input has a watermark.",
            diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public Task CQ1002_fix_switches_the_query_to_update() => CodeFixVerifier<Compiled.Analyzers.CodeFixes.AppendModeAggregationFixer>.VerifyAsync(
        new AppendModeAggregationWithoutWatermarkAnalyzer(),
        before: Query("Append", "BrokerTotal", ".[|GroupBy(t => t.Broker)|].Select(g => new BrokerTotal(g.Key, default, g.Sum(t => t.Amount)))"),
        after: Query("Update", "BrokerTotal", ".GroupBy(t => t.Broker).Select(g => new BrokerTotal(g.Key, default, g.Sum(t => t.Amount)))"));

    [Fact]
    public Task CQ1002_fix_adds_a_watermark_on_the_windows_event_time() => CodeFixVerifier<Compiled.Analyzers.CodeFixes.AppendModeAggregationFixer>.VerifyAsync(
        new AppendModeAggregationWithoutWatermarkAnalyzer(),
        before: Query("Append", "WindowTotal", "\n        .[|GroupBy(t => Window.Tumbling(t.CreatedTime, TimeSpan.FromMinutes(15)))|]\n        .Select(g => new WindowTotal(g.Key.Start, g.Key.End, g.LongCount()))"),
        after: Query("Append", "WindowTotal", "\n        .WithWatermark(t => t.CreatedTime, TimeSpan.FromMinutes(10))\n        .GroupBy(t => Window.Tumbling(t.CreatedTime, TimeSpan.FromMinutes(15)))\n        .Select(g => new WindowTotal(g.Key.Start, g.Key.End, g.LongCount()))"));

    [Fact]
    public Task CQ1003_update_session_window() => AnalyzerVerifier<UpdateModeSessionWindowAnalyzer>.VerifyAsync(Query("Update", "BrokerTotal",
        Watermark + ".GroupBy(t => ([|Window.Session(t.CreatedTime, TimeSpan.FromMinutes(5))|], t.Broker)).Select(g => new BrokerTotal(g.Key.Item2, g.Key.Item1.Start, g.LongCount()))"));

    [Fact]
    public Task CQ1003_not_reported_in_append() => AnalyzerVerifier<UpdateModeSessionWindowAnalyzer>.VerifyAsync(Query("Append", "BrokerTotal",
        Watermark + ".GroupBy(t => (Window.Session(t.CreatedTime, TimeSpan.FromMinutes(5)), t.Broker)).Select(g => new BrokerTotal(g.Key.Item2, g.Key.Item1.Start, g.LongCount()))"));

    [Fact]
    public Task CQ1004_complete_windowed_with_watermark() => AnalyzerVerifier<CompleteModeWindowedWatermarkAnalyzer>.VerifyAsync(Query("Complete", "WindowTotal",
        Watermark + ".GroupBy(t => [|Window.Tumbling(t.CreatedTime, TimeSpan.FromMinutes(15))|]).Select(g => new WindowTotal(g.Key.Start, g.Key.End, g.Sum(t => t.Amount)))"));

    [Theory]
    [InlineData("Complete", Tumbling)]
    [InlineData("Update", Watermark + Tumbling)]
    public Task CQ1004_not_reported_without_a_watermark_or_outside_complete(string mode, string body) =>
        AnalyzerVerifier<CompleteModeWindowedWatermarkAnalyzer>.VerifyAsync(Query(mode, "WindowTotal", body));

    [Fact]
    public Task CQ1101_watermark_after_the_aggregation() => AnalyzerVerifier<WatermarkAfterAggregationAnalyzer>.VerifyAsync(Query("Update", "WindowTotal",
        Tumbling + ".[|WithWatermark(w => w.End, TimeSpan.FromMinutes(30))|]"));

    [Fact]
    public Task CQ1101_not_reported_before_the_aggregation() => AnalyzerVerifier<WatermarkAfterAggregationAnalyzer>.VerifyAsync(Query("Update", "WindowTotal", Watermark + Tumbling));

    [Fact]
    public Task CQ1102_window_over_another_member() => AnalyzerVerifier<WindowNotOnWatermarkedColumnAnalyzer>.VerifyAsync(Query("Append", "WindowTotal",
        Watermark + ".GroupBy(t => Window.Tumbling([|t.SettledTime|], TimeSpan.FromMinutes(15))).Select(g => new WindowTotal(g.Key.Start, g.Key.End, g.Sum(t => t.Amount)))"));

    [Theory]
    [InlineData("Append", Watermark + Tumbling)]
    [InlineData("Update", ".WithWatermark(t => t.SettledTime, TimeSpan.FromMinutes(30))" + Tumbling)]
    public Task CQ1102_not_reported_over_the_watermarked_member_or_outside_append(string mode, string body) =>
        AnalyzerVerifier<WindowNotOnWatermarkedColumnAnalyzer>.VerifyAsync(Query(mode, "WindowTotal", body));

    [Theory]
    [InlineData(".Select(t => new Placed(t.CreatedTime, t.SettledTime, t.Amount))", "p.At")]
    [InlineData(".Select(t => new Placed(Settled: t.SettledTime, Amount: t.Amount, At: t.CreatedTime)).Where(p => p.Amount > 0)", "p.At")]
    [InlineData(".Select(t => new Booking { When = t.CreatedTime, Amount = t.Amount })", "p.When")]
    [InlineData(".Select(t => (When: t.CreatedTime, t.Amount))", "p.When")]
    [InlineData(".Select(t => new Placed(t.CreatedTime, t.SettledTime, t.Amount)).Select(p => new Booking { When = p.At, Amount = p.Amount })", "p.When")]
    public Task CQ1102_not_reported_when_a_Select_copies_the_watermarked_member_under_another_name(string select, string time) =>
        AnalyzerVerifier<WindowNotOnWatermarkedColumnAnalyzer>.VerifyAsync(Query("Append", "WindowTotal", Watermark + select
            + ".GroupBy(p => Window.Tumbling(" + time + ", TimeSpan.FromMinutes(15))).Select(g => new WindowTotal(g.Key.Start, g.Key.End, g.LongCount()))"));

    [Theory]
    [InlineData(".Select(t => new Placed(t.SettledTime, t.CreatedTime, t.Amount))")]
    [InlineData(".Select(t => new Placed(t.CreatedTime.AddMinutes(1), t.SettledTime, t.Amount))")]
    public Task CQ1102_reported_when_the_Select_puts_another_value_in_the_member(string select) =>
        AnalyzerVerifier<WindowNotOnWatermarkedColumnAnalyzer>.VerifyAsync(Query("Append", "WindowTotal", Watermark + select
            + ".GroupBy(p => Window.Tumbling([|p.At|], TimeSpan.FromMinutes(15))).Select(g => new WindowTotal(g.Key.Start, g.Key.End, g.LongCount()))"));

    [Fact]
    public Task CQ1103_session_window_alone() => AnalyzerVerifier<SessionWindowOnlyKeyAnalyzer>.VerifyAsync(Query("Append", "WindowTotal",
        Watermark + ".GroupBy(t => [|Window.Session(t.CreatedTime, TimeSpan.FromMinutes(5))|]).Select(g => new WindowTotal(g.Key.Start, g.Key.End, g.LongCount()))"));

    [Fact]
    public Task CQ1103_not_reported_with_another_key() => AnalyzerVerifier<SessionWindowOnlyKeyAnalyzer>.VerifyAsync(Query("Append", "BrokerTotal",
        Watermark + ".GroupBy(t => new { W = Window.Session(t.CreatedTime, TimeSpan.FromMinutes(5)), t.Broker }).Select(g => new BrokerTotal(g.Key.Broker, g.Key.W.Start, g.LongCount()))"));

    [Theory]
    [InlineData("Window.Tumbling(t.CreatedTime, [|TimeSpan.Zero|])")]
    [InlineData("Window.Sliding(t.CreatedTime, [|TimeSpan.FromMinutes(-1)|], TimeSpan.FromMinutes(1))")]
    [InlineData("Window.Sliding(t.CreatedTime, TimeSpan.FromMinutes(5), [|TimeSpan.FromMinutes(10)|])")]
    [InlineData("Window.Sliding(t.CreatedTime, TimeSpan.FromMinutes(5), [|TimeSpan.FromSeconds(0)|])")]
    [InlineData("(Window.Session(t.CreatedTime, [|TimeSpan.FromMinutes(0)|]), t.Broker)")]
    public Task CQ1106_invalid_lengths_on_the_argument(string key) => AnalyzerVerifier<WindowLengthInvalidAnalyzer>.VerifyAsync(Query("Update", "long",
        ".GroupBy(t => " + key + ").Select(g => g.LongCount())"));

    [Theory]
    [InlineData("Window.Sliding(t.CreatedTime, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10))")]
    [InlineData("(Window.Session(t.CreatedTime, TimeSpan.FromMinutes(t.Amount)), t.Broker)")]
    public Task CQ1106_not_reported_for_valid_or_per_row_lengths(string key) => AnalyzerVerifier<WindowLengthInvalidAnalyzer>.VerifyAsync(Query("Update", "long",
        ".GroupBy(t => " + key + ").Select(g => g.LongCount())"));

    [Fact]
    public async Task CQ1106_message_names_the_window_and_the_length()
    {
        var diagnostic = Assert.Single(await AnalyzerVerifier<WindowLengthInvalidAnalyzer>.GetDiagnosticsAsync(Query("Update", "long",
            ".GroupBy(t => Window.Sliding(t.CreatedTime, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10))).Select(g => g.LongCount())")));
        Assert.StartsWith("Query 'Q' calls 'Window.Sliding' where a slide of 600000 ms is longer than the window's 300000 ms", diagnostic.GetMessage(), StringComparison.Ordinal);
    }
}
