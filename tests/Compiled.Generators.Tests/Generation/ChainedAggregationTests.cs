using Compiled.Diagnostics;
using Compiled.Generators.Tests.Infrastructure;

namespace Compiled.Generators.Tests.Generation;

/// <summary>
/// A window aggregation fed by another (Spark 3.5's chained time-window aggregation) compiles in Append mode, each with
/// its own operator id, state and names; the other chains of grouping operators stay CQ0003 with a message naming them.
/// </summary>
public sealed class ChainedAggregationTests
{
    private const string Rows = """
        public record Hit(string Campaign, DateTime Time);
        public record PerWindow(TimeWindow Window, string Campaign, long N);
        public record Count(DateTime Start, string Campaign, long N);
        """;

    private const string First = "h.WithWatermark(x => x.Time, TimeSpan.FromMinutes(1)).GroupBy(x => (Window.Tumbling(x.Time, TimeSpan.FromMinutes(10)), x.Campaign)).Select(g => new PerWindow(g.Key.Item1, g.Key.Campaign, g.LongCount()))";

    private const string Second = ".GroupBy(w => (Window.Tumbling(w.Window.WindowTime, TimeSpan.FromHours(1)), w.Campaign)).Select(g => new Count(g.Key.Item1.Start, g.Key.Campaign, g.Sum(w => w.N)))";

    [Fact]
    public void Window_aggregation_over_another_ones_window_time_compiles_with_two_state_operators()
    {
        var run = GeneratorHarness.Run(Query("Append", "Count", First + Second), Rows).AssertCompiles();
        Assert.Empty(run.Diagnostics);
        Assert.Contains("StateOperatorInfo(\"aggregate0\"", run.Source, StringComparison.Ordinal);
        Assert.Contains("StateOperatorInfo(\"aggregate1\"", run.Source, StringComparison.Ordinal);
        // The first writes each window it closes into the second, which closes its own windows by the same watermark.
        Assert.Contains("_window1.Accumulate(", run.Source, StringComparison.Ordinal);
        Assert.Contains("_window1.Apply(batch.WatermarkMs, ref __emitter1);", run.Source, StringComparison.Ordinal);
        // Rows late for the second count against it, the second state operator, by the previous batch's watermark.
        Assert.Contains("global::Compiled.EventTimes.AtOrBefore(", run.Source, StringComparison.Ordinal);
        Assert.Contains("batch.CountLateRows(1, _lateRows1);", run.Source, StringComparison.Ordinal);
        Assert.Contains("_lateThrough1 = context.CommittedWatermarkMs;", run.Source, StringComparison.Ordinal);
        // A batch without data is worth running when either would close a window.
        Assert.Contains("EventTimeDeadlineMs => global::System.Math.Min(_window0.NextWindowEndMs, _window1.NextWindowEndMs);", run.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_window_aggregation_keeps_its_names_and_deadline()
    {
        var run = GeneratorHarness.Run(Query("Append", "PerWindow", First), Rows).AssertCompiles();
        Assert.Contains("EventTimeDeadlineMs => _window0.NextWindowEndMs;", run.Source, StringComparison.Ordinal);
        Assert.DoesNotContain("_window1", run.Source, StringComparison.Ordinal);
        Assert.DoesNotContain("_lateThrough", run.Source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Update", First + Second, "a window aggregation after another in OutputMode.Update")]
    [InlineData("Append", First + ".GroupBy(w => (Window.Tumbling(w.Window.WindowTime, TimeSpan.FromHours(1)), w.Campaign)).Select(g => new PerWindow(g.Key.Item1, g.Key.Campaign, g.Sum(w => w.N)))" + Second, "more than two aggregations in a chain")]
    [InlineData("Append", First + ".GroupBy(w => (Window.Tumbling(Window.ProcessingTime, TimeSpan.FromHours(1)), w.Campaign)).Select(g => new Count(g.Key.Item1.Start, g.Key.Campaign, g.Sum(w => w.N)))", "a processing-time window aggregation after a window aggregation")]
    [InlineData("Append", First + ".DropDuplicates(w => w.Campaign)" + Second, "a deduplication or a static join after the first of chained window aggregations")]
    [InlineData("Append", First + ".GroupBy(w => w.Campaign).FlatMapGroupsWithState<long, Count>(OutputMode.Append, GroupStateTimeout.NoTimeout, (c, rows, s) => new[] { new Count(default, c, 1L) })", "keyed state (FlatMapGroupsWithState) after a window aggregation")]
    public void Chains_not_compiled_are_CQ0003_naming_the_shape(string mode, string chain, string message)
    {
        var run = GeneratorHarness.Run(Query(mode, "Count", chain), Rows);
        var unsupported = Assert.Single(run.Diagnostics, d => d.Id == DiagnosticIds.UnsupportedOperator);
        Assert.Contains(message, unsupported.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("[global::System.Obsolete(", run.Source, StringComparison.Ordinal);
    }

    private static string Query(string mode, string output, string chain) =>
        "[StreamingQuery(OutputMode." + mode + ")] public static partial class Q { static IStream<" + output
        + "> Define(IStream<Hit> h) => " + chain + "; }";
}
