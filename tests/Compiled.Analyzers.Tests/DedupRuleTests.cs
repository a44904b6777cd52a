using Compiled.Analyzers.Rules;
using Compiled.Analyzers.Tests.Harness;

namespace Compiled.Analyzers.Tests;

/// <summary>
/// The deduplication and chained-state rules (CQ1105, CQ1306, CQ1307), each on the exact span of the offending call and
/// quiet on the compliant form.
/// </summary>
public sealed class DedupRuleTests
{
    private const string Rows = """
        public sealed record Click(DateTime At, string User, string Page);
        public sealed record PageTotal(DateTime Start, string Page, long Clicks);
        public sealed record UserCount(string User, long Clicks);
        """;

    private const string Watermark = ".WithWatermark(c => c.At, TimeSpan.FromMinutes(10))";
    private const string PerWindow = ".GroupBy(c => (Window.Tumbling(c.At, TimeSpan.FromMinutes(5)), c.Page)).Select(g => new PageTotal(g.Key.Item1.Start, g.Key.Item2, g.LongCount()))";

    private static string Query(string mode, string output, string body) =>
        Rows + "\n[StreamingQuery(OutputMode." + mode + ")] static partial class Q { static IStream<" + output
        + "> Define(IStream<Click> clicks) => clicks" + body + "; }";

    [Fact]
    public Task CQ1105_within_watermark_without_a_watermark() => AnalyzerVerifier<DedupWithinWatermarkWithoutWatermarkAnalyzer>.VerifyAsync(
        Query("Append", "Click", ".[|DropDuplicatesWithinWatermark(c => c.User)|]"));

    [Fact]
    public Task CQ1105_not_reported_after_a_watermark() => AnalyzerVerifier<DedupWithinWatermarkWithoutWatermarkAnalyzer>.VerifyAsync(
        Query("Append", "Click", Watermark + ".DropDuplicatesWithinWatermark(c => c.User)"));

    [Fact]
    public async Task CQ1105_message_quotes_spark_and_the_fix()
    {
        var diagnostic = Assert.Single(await AnalyzerVerifier<DedupWithinWatermarkWithoutWatermarkAnalyzer>.GetDiagnosticsAsync(
            Query("Append", "Click", ".DropDuplicatesWithinWatermark(c => c.User)")));
        Assert.Contains("Query 'Q' calls DropDuplicatesWithinWatermark, but no WithWatermark is declared before it", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public Task CQ1307_distinct_without_a_watermark() => AnalyzerVerifier<DedupStateUnboundedAnalyzer>.VerifyAsync(
        Query("Append", "Click", ".[|Distinct()|]"));

    [Fact]
    public Task CQ1307_key_without_the_event_time() => AnalyzerVerifier<DedupStateUnboundedAnalyzer>.VerifyAsync(
        Query("Append", "Click", Watermark + ".[|DropDuplicates(c => c.User)|]"));

    [Fact]
    public Task CQ1307_watermark_lost_behind_a_select() => AnalyzerVerifier<DedupStateUnboundedAnalyzer>.VerifyAsync(
        Query("Append", "Click", Watermark + ".Select(c => c with { Page = c.Page.ToLowerInvariant() }).[|DropDuplicates(c => (c.User, c.At))|]"));

    [Theory]
    [InlineData(Watermark + ".DropDuplicates(c => (c.User, c.At))")]
    [InlineData(Watermark + ".Where(c => c.Page != \"\").DropDuplicates(c => new { c.User, Time = c.At })")]
    [InlineData(Watermark + ".Distinct()")]
    [InlineData(Watermark + ".DropDuplicatesWithinWatermark(c => c.User)")]
    public Task CQ1307_not_reported_when_the_watermark_evicts(string body) =>
        AnalyzerVerifier<DedupStateUnboundedAnalyzer>.VerifyAsync(Query("Append", "Click", body));

    [Fact]
    public async Task CQ1307_message_says_why_and_what_to_do()
    {
        var diagnostic = Assert.Single(await AnalyzerVerifier<DedupStateUnboundedAnalyzer>.GetDiagnosticsAsync(
            Query("Append", "Click", Watermark + ".DropDuplicates(c => c.User)")));
        string message = diagnostic.GetMessage();
        Assert.Contains("DropDuplicates(c => c.User) in query 'Q' keeps every key it has seen for ever", message, StringComparison.Ordinal);
        Assert.Contains("(row => (row.Id, row.EventTime))", message, StringComparison.Ordinal);
    }

    [Fact]
    public Task CQ1306_evicting_dedup_after_an_update_aggregation() => AnalyzerVerifier<StatefulAfterLateEmitterAnalyzer>.VerifyAsync(
        Query("Update", "PageTotal", Watermark + PerWindow + ".[|DropDuplicatesWithinWatermark(t => t.Page)|]"));

    [Theory]
    [InlineData("Append", Watermark + PerWindow + ".DropDuplicatesWithinWatermark(t => t.Page)")]
    [InlineData("Update", Watermark + PerWindow + ".DropDuplicates(t => t.Page)")]
    [InlineData("Update", Watermark + ".DropDuplicates(c => (c.User, c.At))" + PerWindow)]
    public Task CQ1306_not_reported_in_append_before_a_kept_dedup_or_for_a_dedup_first(string mode, string body) =>
        AnalyzerVerifier<StatefulAfterLateEmitterAnalyzer>.VerifyAsync(Query(mode, "PageTotal", body));

    [Fact]
    public async Task CQ1306_message_names_both_operators()
    {
        var diagnostic = Assert.Single(await AnalyzerVerifier<StatefulAfterLateEmitterAnalyzer>.GetDiagnosticsAsync(
            Query("Update", "PageTotal", Watermark + PerWindow + ".DropDuplicatesWithinWatermark(t => t.Page)")));
        Assert.Contains("Query 'Q' runs DropDuplicatesWithinWatermark after the aggregation, and in OutputMode.Update it writes a group again",
            diagnostic.GetMessage(), StringComparison.Ordinal);
    }
}
