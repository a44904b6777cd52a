using Compiled.Diagnostics;
using Compiled.Generators.Tests.Infrastructure;

namespace Compiled.Generators.Tests.Generation;

/// <summary>
/// Several stateful operators or inputs in one query: a stream-stream join feeding an event-time window aggregation and a
/// union of two streams compile; the shapes the emitters do not compile yet stay CQ0003, with a message naming the shape.
/// </summary>
public sealed class MultiOperatorTests
{
    private const string Rows = """
        public record Imp(string Id, DateTime Time, string Campaign);
        public record Clk(string Id, DateTime Time);
        public record Hit(string Campaign, DateTime Time);
        public record Count(DateTime Start, string Campaign, long N);
        """;

    private const string Join = "i.WithWatermark(x => x.Time, TimeSpan.FromMinutes(30)).Join(c.WithWatermark(x => x.Time, TimeSpan.FromMinutes(30)), x => x.Id, y => y.Id, (x, y) => new Hit(x.Campaign, y.Time), JoinType.Inner, condition: (x, y) => y.Time >= x.Time && y.Time <= x.Time + TimeSpan.FromMinutes(15))";

    private const string Window = ".GroupBy(h => (Window.Tumbling(h.Time, TimeSpan.FromMinutes(10)), h.Campaign)).Select(g => new Count(g.Key.Item1.Start, g.Key.Campaign, g.LongCount()))";

    private const string ThreeInputs = Join;

    [Fact]
    public void Two_joins_of_three_inputs_compile_with_a_state_operator_each()
    {
        var run = GeneratorHarness.Run(Query("Hit", Join + ".Join(d.WithWatermark(x => x.Time, TimeSpan.FromMinutes(30)), h => h.Campaign, y => y.Id, (h, y) => h, JoinType.Inner, condition: (h, y) => y.Time >= h.Time && y.Time <= h.Time + TimeSpan.FromMinutes(5))"), Rows).AssertCompiles();
        Assert.Empty(run.Diagnostics);
        Assert.Contains("new global::Compiled.Plans.StateOperatorInfo(\"join0\"", run.Source, StringComparison.Ordinal);
        Assert.Contains("new global::Compiled.Plans.StateOperatorInfo(\"join1\"", run.Source, StringComparison.Ordinal);
        // The second join evicts by the first one's output watermark, and its deadline is read back in input terms.
        Assert.Contains("_join1.TryEvictLeft(_join0.OutputWatermarkMs(batch.WatermarkMs)", run.Source, StringComparison.Ordinal);
        Assert.Contains("_join0.InputWatermarkReaching(_join1.DeadlineMs)", run.Source, StringComparison.Ordinal);
        // The first join's rows probe the third input's buffered rows, then are buffered as the second join's left rows.
        Assert.Contains("_join1.AddLeft(", run.Source, StringComparison.Ordinal);
        Assert.Contains("_join1.AddRight(", run.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Join_then_window_aggregation_compiles_with_both_state_operators()
    {
        var run = GeneratorHarness.Run(Query("Count", Join + Window), Rows);
        Assert.Empty(run.Diagnostics);
        Assert.Contains("new global::Compiled.Plans.StateOperatorInfo(\"join0\"", run.Source, StringComparison.Ordinal);
        Assert.Contains("new global::Compiled.Plans.StateOperatorInfo(\"aggregate0\"", run.Source, StringComparison.Ordinal);
        Assert.Contains("_window0.Apply(_join0.OutputWatermarkMs(batch.WatermarkMs)", run.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Join_then_deduplication_then_window_aggregation_numbers_the_operators_in_chain_order()
    {
        var run = GeneratorHarness.Run(Query("Count", Join + ".DropDuplicates(h => h.Campaign)" + Window), Rows);
        Assert.Empty(run.Diagnostics);
        int join = run.Source.IndexOf("StateOperatorInfo(\"join0\"", StringComparison.Ordinal);
        int dedup = run.Source.IndexOf("StateOperatorInfo(\"dedup0\"", StringComparison.Ordinal);
        int aggregate = run.Source.IndexOf("StateOperatorInfo(\"aggregate0\"", StringComparison.Ordinal);
        Assert.True(join >= 0 && join < dedup && dedup < aggregate, "join0, dedup0, aggregate0 in chain order");
        // Late joined rows count against the aggregation, the third operator.
        Assert.Contains("batch.CountLateRows(2, 1L);", run.Source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Hit", Join + ".DropDuplicatesWithinWatermark(h => h.Campaign)", "DropDuplicatesWithinWatermark after a stream-stream join")]
    [InlineData("Count", Join + Window + ".DropDuplicates(c => c.Campaign)", "a stateful operator after the aggregation after a stream-stream join")]
    [InlineData("Count", Join + Window + ".GroupBy(h => (Window.Tumbling(h.Start, TimeSpan.FromHours(1)), h.Campaign)).Select(g => new Count(g.Key.Item1.Start, g.Key.Campaign, g.LongCount()))", "a stateful operator after the aggregation after a stream-stream join")]
    [InlineData("Hit", "i.WithWatermark(x => x.Time, TimeSpan.FromMinutes(30)).Join(i.WithWatermark(x => x.Time, TimeSpan.FromMinutes(10)), x => x.Id, y => y.Id, (x, y) => new Hit(x.Campaign, y.Time), JoinType.Inner)", "a self-join whose two sides declare different watermarks")]
    [InlineData("Hit", "i.WithWatermark(x => x.Time, TimeSpan.FromMinutes(30)).Join(c.WithWatermark(x => x.Time, TimeSpan.FromMinutes(30)), x => x.Id, y => y.Id, (x, y) => new Hit(x.Campaign, y.Time), JoinType.Inner).Join(c, h => h.Campaign, y => y.Id, (h, y) => h, JoinType.Inner)", "a self-join in a query with two stream-stream joins")]
    [InlineData("Hit", "i.Select(x => new Hit(x.Campaign, x.Time)).Union(i.Select(x => new Hit(x.Id, x.Time)))", "a Union of an input with itself")]
    [InlineData("Hit", "i.Select(x => new Hit(x.Campaign, x.Time)).Union(c.Select(x => new Hit(x.Id, x.Time))).DropDuplicates(h => h.Campaign)", "a deduplication in a query with a Union of two streams")]
    [InlineData("Hit", "i.Select(x => new Hit(x.Campaign, x.Time)).Union(c.Select(x => new Hit(x.Id, x.Time))).WithWatermark(h => h.Time, TimeSpan.FromMinutes(1))", "WithWatermark after a Union of two streams")]
    [InlineData("Count", "i.WithWatermark(x => x.Time, TimeSpan.FromMinutes(1)).Select(x => new Hit(x.Campaign, x.Time)).Union(c.Select(x => new Hit(x.Id, x.Time)))" + Window, "a Union of a watermarked and an unwatermarked stream")]
    [InlineData("Hit", ThreeInputs + ".Join(d.WithWatermark(x => x.Time, TimeSpan.FromMinutes(30)), h => h.Campaign, y => y.Id, (h, y) => h, JoinType.LeftOuter, condition: (h, y) => y.Time >= h.Time && y.Time <= h.Time + TimeSpan.FromMinutes(5))", "an outer or semi join in a query with two stream-stream joins")]
    [InlineData("Hit", ThreeInputs + ".Join(d, h => h.Campaign, y => y.Id, (h, y) => h, JoinType.Inner).Join(i, h => h.Campaign, y => y.Id, (h, y) => h, JoinType.Inner)", "more than two stream-stream joins in a query")]
    [InlineData("Hit", ThreeInputs + ".DropDuplicates(h => h.Campaign).Join(d, h => h.Campaign, y => y.Id, (h, y) => h, JoinType.Inner)", "a stateful operator (aggregation, deduplication, keyed state) in a query with two stream-stream joins")]
    [InlineData("Hit", "i.Join(c, x => x.Id, y => y.Id, (x, y) => new Hit(x.Campaign, y.Time), JoinType.Inner).Join(d.WithWatermark(x => x.Time, TimeSpan.FromMinutes(1)), h => h.Campaign, y => y.Id, (h, y) => h, JoinType.Inner, condition: (h, y) => y.Time >= h.Time && y.Time <= h.Time + TimeSpan.FromMinutes(5))", "a time range on the second of two stream-stream joins without a two-sided one on the first")]
    public void Shapes_not_compiled_yet_are_CQ0003_naming_the_shape(string output, string chain, string message)
    {
        var run = GeneratorHarness.Run(Query(output, chain), Rows);
        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal(DiagnosticIds.UnsupportedOperator, diagnostic.Id);
        Assert.Contains(message, diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    private static string Query(string output, string chain) =>
        "[StreamingQuery(OutputMode.Append)] public static partial class Q { static IStream<" + output
        + "> Define(IStream<Imp> i, IStream<Clk> c, IStream<Clk> d) => " + chain + "; }";
}
