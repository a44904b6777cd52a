using Compiled.Generators.Model;
using Compiled.Generators.Planning;
using Compiled.Generators.Tests.Infrastructure;

namespace Compiled.Generators.Tests.Generation;

/// <summary>
/// Several stateful operators in one chain: the planner cuts the chain at each grouping operator into fused loops,
/// keeps a deduplication inside the loop it sits in, and numbers each kind's state operators from 0 (so a query's
/// aggregation keeps the id <c>aggregate0</c>, and its old checkpoints still match, when a deduplication is added).
/// </summary>
public sealed class ChainPlanTests
{
    private const string Watermark = ".WithWatermark(t => t.CreatedTime, TimeSpan.FromMinutes(30))";

    [Fact]
    public void Dedup_before_an_aggregation_runs_in_the_input_loop()
    {
        var plan = Plan("Update", "IStream<int>", "trades" + Watermark + ".DropDuplicates(t => (t.BrokerCode, t.CreatedTime)).Where(t => t.Amount > 0).GroupBy(t => t.BrokerCode).Select(g => g.Count())");

        Assert.Equal(new[] { "dedup0", "aggregate0" }, plan.StateOperators.Select(s => s.OperatorId));
        Assert.Equal(2, plan.Segments.Count);
        Assert.Equal(new[] { StageKind.Watermark, StageKind.Dedup, StageKind.Filter }, plan.Source.Select(s => s.Kind));
        Assert.Same(plan.StateOperators[0], plan.Source[1].State);
        Assert.IsType<AggregateSpec>(plan.Segments[1].Breaker);
        Assert.Same(plan.StateOperators[1], plan.AggregateState);
        Assert.Empty(plan.AfterAggregate);
    }

    [Fact]
    public void Dedup_after_an_aggregation_runs_on_each_emitted_group()
    {
        var plan = Plan("Update", "IStream<string>", "trades.GroupBy(t => t.BrokerCode).Select(g => g.Key).Select(k => k.ToUpperInvariant()).Distinct()");

        Assert.Equal(new[] { "aggregate0", "dedup0" }, plan.StateOperators.Select(s => s.OperatorId));
        Assert.Equal(new[] { StageKind.Map, StageKind.Dedup }, plan.AfterAggregate.Select(s => s.Kind));
        Assert.Same(plan.StateOperators[1], plan.AfterAggregate[1].State);
        Assert.Same(plan.StateOperators[0], plan.AggregateState);
    }

    [Fact]
    public void Adding_a_dedup_keeps_the_aggregation_id_and_schema()
    {
        var alone = Plan("Update", "IStream<int>", "trades.GroupBy(t => t.BrokerCode).Select(g => g.Count())");
        var chained = Plan("Update", "IStream<int>", "trades.Distinct().GroupBy(t => t.BrokerCode).Select(g => g.Count())");

        Assert.Equal(Assert.Single(alone.StateOperators), chained.StateOperators[1]);
        Assert.NotEqual(alone.Fingerprint, chained.Fingerprint);
    }

    [Theory]
    [InlineData(".Distinct()", "|evict=never", false)]
    [InlineData(Watermark + ".Distinct()", "|evict=eventtime", true)]
    [InlineData(Watermark + ".DropDuplicates(t => t.BrokerCode)", "dedup|key=string|evict=never", false)]
    [InlineData(Watermark + ".DropDuplicates(t => new { t.BrokerCode, t.CreatedTime })", "evict=eventtime", true)]
    [InlineData(Watermark + ".DropDuplicatesWithinWatermark(t => t.BrokerCode)", "dedup|key=string|evict=timeplusdelay", true)]
    public void Dedup_evicts_only_when_the_watermark_bounds_its_keys(string chain, string schema, bool evicts)
    {
        var state = Assert.Single(Plan("Append", "IStream<Trade>", "trades" + chain).StateOperators);
        Assert.Contains(schema, state.Schema, StringComparison.Ordinal);
        Assert.Equal((evicts, evicts), (state.EvictsBehindWatermark, state.NeedsNoDataBatch));
    }

    private static PhysicalPlan Plan(string mode, string output, string body)
    {
        var parsed = ModelReader.Read(EventTimeQueries.Query(mode, output, body), EventTimeQueries.Rows);
        Assert.True(parsed.Query is not null, string.Join("\n", parsed.Diagnostics.Select(d => d.Id + " " + string.Join(" | ", d.Arguments))));
        return Planner.Plan(parsed.Query!, CancellationToken.None);
    }
}
