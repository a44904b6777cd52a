using Compiled.Generators.Tests.Infrastructure;
using Compiled.Generators.Tests.Queries;

namespace Compiled.Generators.Tests;

/// <summary>Each query compiled by the generator (as an analyzer of this project) against the reference interpretation.</summary>
public sealed class DifferentialTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void FilterProject_matches_reference(int seed) =>
        Differential.Append(FilterProject.CreatePlan, FilterProject.Reference, TestData.Events(3000, 100, seed), seed);

    [Fact]
    public void GuardedDivision_never_divides_a_rejected_row() =>
        Differential.Append(GuardedDivision.CreatePlan, GuardedDivision.Reference, TestData.Events(3000, 100, 23), 23);

    [Theory]
    [InlineData(24)]
    [InlineData(25)]
    public void BranchFreeFilters_matches_reference(int seed) =>
        Differential.Append(BranchFreeFilters.CreatePlan, BranchFreeFilters.Reference, TestData.Events(3000, 100, seed), seed);

    [Fact]
    public void SpanMethodWords_matches_reference() =>
        Differential.Complete(SpanMethodWords.CreatePlan, SpanMethodWords.Reference, TestData.Lines(600, 26), 26, 80, restartMidway: true);

    [Fact]
    public void StringMethodWords_matches_reference() =>
        Differential.Complete(StringMethodWords.CreatePlan, StringMethodWords.Reference, TestData.Lines(600, 27), 27, 80);

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void WordCounts_matches_reference(int seed) =>
        Differential.Complete(WordCounts.CreatePlan, WordCounts.Reference, TestData.Lines(600, seed), seed, 80);

    [Fact]
    public void WordCounts_survives_a_restart() =>
        Differential.Complete(WordCounts.CreatePlan, WordCounts.Reference, TestData.Lines(400, 5), 5, 60, restartMidway: true);

    [Theory]
    [InlineData(6)]
    [InlineData(7)]
    public void KeyedCount_matches_reference(int seed) =>
        Differential.Update(KeyedCount.CreatePlan, KeyedCount.Reference, r => r.Key, TestData.Events(3000, 150, seed), seed, 250, restartMidway: true);

    [Fact]
    public void KeyedCount_grows_its_batch_table() =>
        Differential.Update(KeyedCount.CreatePlan, KeyedCount.Reference, r => r.Key, TestData.Events(20000, 5000, 8), 8, 6000);

    [Fact]
    public void TupleKeyCount_matches_reference() =>
        Differential.Update(TupleKeyCount.CreatePlan, TupleKeyCount.Reference, r => (r.Broker, r.Type), TestData.Trades(2000, 9), 9, restartMidway: true);

    [Fact]
    public void RecordKeyCount_matches_reference() =>
        Differential.Complete(RecordKeyCount.CreatePlan, RecordKeyCount.Reference, TestData.Trades(2000, 10), 10, restartMidway: true);

    [Fact]
    public void AnonymousKeyCount_matches_reference() =>
        Differential.Update(AnonymousKeyCount.CreatePlan, AnonymousKeyCount.Reference, r => r.Substring(0, r.LastIndexOf('=')),
            TestData.Trades(2000, 11), 11);

    [Theory]
    [InlineData(12)]
    [InlineData(13)]
    public void BrokerStatistics_matches_reference(int seed) =>
        Differential.Complete(BrokerStatistics.CreatePlan, BrokerStatistics.Reference, TestData.Trades(2500, seed), seed, restartMidway: true);

    [Fact]
    public void TopWords_filters_after_aggregation() =>
        Differential.Complete(TopWords.CreatePlan, TopWords.Reference, TestData.Lines(500, 14), 14, 70);

    [Fact]
    public void OrderLines_flattens_lists() =>
        Differential.Append(OrderLines.CreatePlan, OrderLines.Reference, TestData.Orders(1500, 15), 15);

    [Fact]
    public void SidePerBroker_matches_reference() =>
        Differential.Update(SidePerBroker.CreatePlan, SidePerBroker.Reference, r => (r.Broker, r.Side), TestData.Trades(2000, 16), 16, restartMidway: true);

    [Fact]
    public void BucketTotals_matches_reference() =>
        Differential.Complete(BucketTotals.CreatePlan, BucketTotals.Reference, TestData.Trades(2000, 17), 17, restartMidway: true);

    [Fact]
    public void BrokerTotals_matches_reference() =>
        Differential.Update(BrokerTotals.CreatePlan, BrokerTotals.Reference, r => r.Key, TestData.Trades(2000, 18), 18, restartMidway: true);

    [Fact]
    public void Segments_matches_reference() =>
        Differential.Complete(Segments.CreatePlan, Segments.Reference, TestData.Lines(500, 19), 19, 70, restartMidway: true);

    [Fact]
    public void UpperWords_matches_reference() =>
        Differential.Append(UpperWords.CreatePlan, UpperWords.Reference, TestData.Lines(500, 20), 20, 70);

    [Fact]
    public void NullableKeys_matches_reference() =>
        Differential.Update(NullableKeys.CreatePlan, NullableKeys.Reference, r => (r.Broker, r.Pair), TestData.Trades(2000, 21), 21, restartMidway: true);

    [Fact]
    public void SecondInput_reads_its_own_slot() =>
        Differential.Append(SecondInput.CreatePlan, t => SecondInput.Reference(LogicalPlan.Source(Array.Empty<Ev>()), t),
            TestData.Trades(1000, 22), 22, inputCount: 2, inputIndex: 1);
}
