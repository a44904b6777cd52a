using Compiled.Generators.Tests.Infrastructure;
using Compiled.Generators.Tests.Queries;

namespace Compiled.Generators.Tests;

/// <summary>What the generated plans tell the engine about themselves.</summary>
public sealed class PlanInfoTests
{
    [Fact]
    public void Stateless_plan_describes_its_input_and_opens_no_store()
    {
        var runner = new PlanRunner<Ev, long>(FilterProject.CreatePlan);
        var info = runner.Info;
        Assert.Equal("FilterProject", info.QueryName);
        Assert.Equal(OutputMode.Append, info.OutputMode);
        var input = Assert.Single(info.Inputs);
        Assert.Equal("events", input.Name);
        Assert.Equal("Compiled.Generators.Tests.Queries.Ev", input.RowType);
        Assert.Empty(info.StateOperators);
        Assert.Equal("Source(events)\nFilter(e => e.Value < 500)\nMap(e => e.Key * 2L)\nSink", info.PlanDescription);
        Assert.Matches("^[0-9a-f]{16}$", info.Fingerprint);
        runner.Run(TestData.Events(10, 5, 1));
        Assert.Empty(runner.Stores.OperatorIds);
    }

    [Fact]
    public void Aggregating_plan_names_its_state_operator_and_opens_its_store()
    {
        var runner = new PlanRunner<Trade, BrokerStats>(BrokerStatistics.CreatePlan);
        var state = Assert.Single(runner.Info.StateOperators);
        Assert.Equal("aggregate0", state.OperatorId);
        Assert.StartsWith("Aggregate(Sum, Sum, Min, Max, Min, Average", state.OperatorName, StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{16}$", state.SchemaFingerprint);
        Assert.NotEqual(runner.Info.Fingerprint, state.SchemaFingerprint);
        Assert.Equal(["aggregate0"], runner.Stores.OperatorIds);
    }

    [Fact]
    public void Plans_of_one_query_share_their_info()
    {
        Assert.Same(KeyedCount.CreatePlan().Info, KeyedCount.CreatePlan().Info);
        Assert.NotSame(KeyedCount.CreatePlan(), KeyedCount.CreatePlan());
    }

    [Fact]
    public void Empty_batches_emit_nothing_in_update_mode_and_everything_in_complete_mode()
    {
        var update = new PlanRunner<Ev, KeyCount>(KeyedCount.CreatePlan);
        Assert.Equal(3, update.Run([new Ev { Key = 1 }, new Ev { Key = 2 }, new Ev { Key = 3 }]).Count);
        Assert.Empty(update.Run([]));

        var complete = new PlanRunner<Trade, BrokerTypeCount>(RecordKeyCount.CreatePlan);
        complete.Run(TestData.Trades(50, 1));
        var again = complete.Run([]);
        Assert.Equal(Differential.Evaluate(RecordKeyCount.Reference, TestData.Trades(50, 1)).Count, again.Count);
    }

    [Fact]
    public void Start_is_generated_with_typed_sources_and_sink()
    {
        var start = typeof(WordCounts).GetMethod("Start")!;
        var parameters = start.GetParameters();
        Assert.Equal(typeof(Compiled.Sources.ISource<string>), parameters[0].ParameterType);
        Assert.Equal("lines", parameters[0].Name);
        Assert.Equal(typeof(Compiled.Sinks.ISink<WordCount>), parameters[1].ParameterType);
        Assert.Equal(typeof(QueryOptions), parameters[2].ParameterType);
        Assert.True(parameters[2].IsOptional);
        Assert.Equal(typeof(StreamingQuery), start.ReturnType);
    }
}
