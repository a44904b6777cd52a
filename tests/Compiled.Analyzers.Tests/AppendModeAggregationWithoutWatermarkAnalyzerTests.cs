using Verify = Compiled.Analyzers.Tests.Harness.AnalyzerVerifier<Compiled.Analyzers.Rules.AppendModeAggregationWithoutWatermarkAnalyzer>;

namespace Compiled.Analyzers.Tests;

public sealed class AppendModeAggregationWithoutWatermarkAnalyzerTests
{
    [Fact]
    public Task An_aggregation_in_append_mode_is_reported_on_the_group_by_call() => Verify.VerifyAsync("""
        [StreamingQuery(OutputMode.Append)]
        static partial class Totals
        {
            static IStream<CustomerTotal> Define(IStream<Order> orders) => orders
                .Where(o => o.Amount > 0m)
                .[|GroupBy(o => o.Customer)|]
                .Select(g => new CustomerTotal(g.Key, g.LongCount(), g.Sum(o => o.Amount)));
        }
        """);

    [Fact]
    public Task Aggregations_in_update_and_complete_modes_and_append_without_aggregation_are_not_reported() => Verify.VerifyAsync("""
        [StreamingQuery(OutputMode.Update)]
        static partial class Updated
        {
            static IStream<CustomerTotal> Define(IStream<Order> orders) => orders
                .GroupBy(o => o.Customer)
                .Select(g => new CustomerTotal(g.Key, g.LongCount(), g.Sum(o => o.Amount)));
        }

        [StreamingQuery(OutputMode.Complete)]
        static partial class Completed
        {
            static IStream<CustomerTotal> Define(IStream<Order> orders) => orders
                .GroupBy(o => o.Customer)
                .Select(g => new CustomerTotal(g.Key, g.LongCount(), g.Sum(o => o.Amount)));
        }

        [StreamingQuery(OutputMode.Append)]
        static partial class Appended
        {
            static IStream<string> Define(IStream<Order> orders) => orders
                .Where(o => o.Amount > 100m)
                .Select(o => o.Customer);
        }
        """);

    [Fact]
    public async Task Message_names_the_query_and_the_modes_to_use_instead()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            [StreamingQuery(OutputMode.Append)]
            static partial class Totals
            {
                static IStream<CustomerTotal> Define(IStream<Order> orders) => orders
                    .GroupBy(o => o.Customer)
                    .Select(g => new CustomerTotal(g.Key, g.LongCount(), g.Sum(o => o.Amount)));
            }
            """);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("CQ1002", diagnostic.Id);
        Assert.Contains("'Totals'", diagnostic.GetMessage());
        Assert.Contains("OutputMode.Update", diagnostic.GetMessage());
    }
}
