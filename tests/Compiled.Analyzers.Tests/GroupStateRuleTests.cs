using Compiled.Analyzers.Rules;
using Compiled.Analyzers.Tests.Harness;

namespace Compiled.Analyzers.Tests;

/// <summary>The keyed-state rules (CQ1104, CQ1304, CQ1001 for UpdateStateByKey, and CQ1306 for an event-time timeout upstream), on the exact span and quiet on compliant forms.</summary>
public sealed class GroupStateRuleTests
{
    private const string Rows = """
        public sealed record Click(DateTime At, string User, string Page);
        public sealed record UserCount(string User, long Clicks);
        """;

    private const string Watermark = ".WithWatermark(c => c.At, TimeSpan.FromMinutes(10))";

    private static string Map(string timeout) =>
        ".GroupBy(c => c.User).MapGroupsWithState<long, UserCount>(GroupStateTimeout." + timeout + ", (user, rows, state) => { state.Update(state.GetOrDefault(0) + System.Linq.Enumerable.Count(rows)); return new UserCount(user, state.Get()); })";

    private static string FlatMap(string mode, string timeout) =>
        ".GroupBy(c => c.User).FlatMapGroupsWithState<long, UserCount>(OutputMode." + mode + ", GroupStateTimeout." + timeout
        + ", (user, rows, state) => { state.Update(state.GetOrDefault(0) + System.Linq.Enumerable.Count(rows)); return new[] { new UserCount(user, state.Get()) }; })";

    private const string UpdateByKey =
        ".GroupBy(c => c.User).UpdateStateByKey<long>((values, running) => (running ?? 0) + values.Count)";

    private const string ToUserCount = ".Select(s => new UserCount(s.Key, s.State))";

    private static string Query(string mode, string body) =>
        Rows + "\n[StreamingQuery(OutputMode." + mode + ")] static partial class Q { static IStream<UserCount> Define(IStream<Click> clicks) => clicks" + body + "; }";

    private static string Marked(string body, string call)
    {
        int at = body.IndexOf(call, StringComparison.Ordinal);
        return body.Substring(0, at) + "[|" + body.Substring(at) + "|]";
    }

    [Fact]
    public Task CQ1104_event_time_timeout_without_a_watermark() => AnalyzerVerifier<EventTimeTimeoutWithoutWatermarkAnalyzer>.VerifyAsync(
        Query("Update", Marked(Map("EventTimeTimeout"), "MapGroupsWithState")));

    [Theory]
    [InlineData(Watermark, "EventTimeTimeout")]
    [InlineData("", "ProcessingTimeTimeout")]
    [InlineData("", "NoTimeout")]
    public Task CQ1104_not_reported_with_a_watermark_or_another_timeout(string watermark, string timeout) =>
        AnalyzerVerifier<EventTimeTimeoutWithoutWatermarkAnalyzer>.VerifyAsync(Query("Update", watermark + Map(timeout)));

    [Theory]
    [InlineData("Append")]
    [InlineData("Complete")]
    public Task CQ1304_map_groups_outside_update(string mode) => AnalyzerVerifier<GroupStateModeRulesAnalyzer>.VerifyAsync(
        Query(mode, Marked(Map("NoTimeout"), "MapGroupsWithState")));

    [Fact]
    public Task CQ1304_flat_map_mode_differs_from_the_query() => AnalyzerVerifier<GroupStateModeRulesAnalyzer>.VerifyAsync(
        Query("Update", Marked(FlatMap("Append", "NoTimeout"), "FlatMapGroupsWithState")));

    [Theory]
    [InlineData("Update", "Update")]
    [InlineData("Append", "Append")]
    public Task CQ1304_not_reported_when_the_modes_agree(string query, string op) =>
        AnalyzerVerifier<GroupStateModeRulesAnalyzer>.VerifyAsync(Query(query, FlatMap(op, "NoTimeout")));

    [Fact]
    public Task CQ1304_not_reported_for_map_groups_in_update() =>
        AnalyzerVerifier<GroupStateModeRulesAnalyzer>.VerifyAsync(Query("Update", Map("ProcessingTimeTimeout")));

    [Fact]
    public async Task CQ1304_message_says_why()
    {
        var diagnostic = Assert.Single(await AnalyzerVerifier<GroupStateModeRulesAnalyzer>.GetDiagnosticsAsync(Query("Append", Map("NoTimeout"))));
        Assert.Contains("Query 'Q' cannot run MapGroupsWithState here: MapGroupsWithState writes a row per key each time the key changes, which only OutputMode.Update can express",
            diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public Task CQ1306_evicting_dedup_after_an_event_time_timeout() => AnalyzerVerifier<StatefulAfterLateEmitterAnalyzer>.VerifyAsync(
        Query("Append", Watermark + FlatMap("Append", "EventTimeTimeout") + ".[|DropDuplicatesWithinWatermark(u => u.User)|]"));

    [Fact]
    public Task CQ1306_not_reported_after_a_processing_time_timeout() => AnalyzerVerifier<StatefulAfterLateEmitterAnalyzer>.VerifyAsync(
        Query("Append", Watermark + FlatMap("Append", "ProcessingTimeTimeout") + ".DropDuplicatesWithinWatermark(u => u.User)"));

    [Fact]
    public async Task CQ1304_update_state_by_key_in_append()
    {
        await AnalyzerVerifier<GroupStateModeRulesAnalyzer>.VerifyAsync(Query("Append", Marked(UpdateByKey, "UpdateStateByKey") + ToUserCount));
        var diagnostic = Assert.Single(await AnalyzerVerifier<GroupStateModeRulesAnalyzer>.GetDiagnosticsAsync(Query("Append", UpdateByKey + ToUserCount)));
        Assert.Contains("UpdateStateByKey rewrites a key's state in every batch, which OutputMode.Append (final rows only) cannot express",
            diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Update")]
    [InlineData("Complete")]
    public async Task Update_state_by_key_is_accepted_in_update_and_complete(string mode)
    {
        await AnalyzerVerifier<GroupStateModeRulesAnalyzer>.VerifyAsync(Query(mode, UpdateByKey + ToUserCount));
        await AnalyzerVerifier<CompleteModeWithoutAggregationAnalyzer>.VerifyAsync(Query(mode, UpdateByKey + ToUserCount));
    }
}
