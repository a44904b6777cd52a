using Compiled.Analyzers.CodeFixes;
using Compiled.Analyzers.Rules;
using Compiled.Analyzers.Tests.Harness;
using Verify = Compiled.Analyzers.Tests.Harness.AnalyzerVerifier<Compiled.Analyzers.Rules.CompleteModeWithoutAggregationAnalyzer>;

namespace Compiled.Analyzers.Tests;

public sealed class CompleteModeWithoutAggregationAnalyzerTests
{
    [Fact]
    public Task Complete_mode_without_aggregation_is_reported_on_the_mode_argument() => Verify.VerifyAsync("""
        [StreamingQuery([|OutputMode.Complete|])]
        static partial class LargeOrders
        {
            static IStream<Order> Define(IStream<Order> orders) => orders.Where(o => o.Amount > 100m);
        }
        """);

    [Fact]
    public Task Complete_mode_with_only_distinct_is_reported_because_distinct_is_not_an_aggregation() => Verify.VerifyAsync("""
        [StreamingQuery([|OutputMode.Complete|], Name = "unique-orders")]
        static partial class UniqueOrders
        {
            static IStream<Order> Define(IStream<Order> orders) => orders.Distinct();
        }
        """);

    [Fact]
    public Task Named_mode_argument_is_reported_on_its_expression() => Verify.VerifyAsync("""
        [StreamingQuery(outputMode: [|Compiled.OutputMode.Complete|])]
        static partial class LargeOrders
        {
            static IStream<Order> Define(IStream<Order> orders) => orders.Where(o => o.Amount > 100m);
        }
        """);

    [Fact]
    public Task Complete_mode_with_an_aggregation_is_not_reported() => Verify.VerifyAsync("""
        [StreamingQuery(OutputMode.Complete)]
        static partial class Totals
        {
            static IStream<CustomerTotal> Define(IStream<Order> orders) => orders
                .GroupBy(o => o.Customer)
                .Select(g => new CustomerTotal(g.Key, g.LongCount(), g.Sum(o => o.Amount)));
        }
        """);

    [Fact]
    public Task Update_and_append_modes_without_aggregation_are_not_reported() => Verify.VerifyAsync("""
        [StreamingQuery(OutputMode.Update)]
        static partial class Updated
        {
            static IStream<Order> Define(IStream<Order> orders) => orders.Where(o => o.Amount > 100m);
        }

        [StreamingQuery(OutputMode.Append)]
        static partial class Appended
        {
            static IStream<Order> Define(IStream<Order> orders) => orders.Where(o => o.Amount > 100m);
        }

        // Not a query: the same shape without the attribute says nothing about output modes.
        static class Helper
        {
            static IStream<Order> Define(IStream<Order> orders) => orders.Where(o => o.Amount > 100m);
        }
        """);

    [Fact]
    public async Task Message_names_the_query_and_the_mode_to_use()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            [StreamingQuery(OutputMode.Complete)]
            static partial class LargeOrders
            {
                static IStream<Order> Define(IStream<Order> orders) => orders.Where(o => o.Amount > 100m);
            }
            """);
        var message = Assert.Single(diagnostics).GetMessage();
        Assert.Contains("'LargeOrders'", message);
        Assert.Contains("OutputMode.Update", message);
    }

    [Fact]
    public Task Fix_switches_the_mode_to_update() => CodeFixVerifier<CompleteModeWithoutAggregationFixer>.VerifyAsync(
        new CompleteModeWithoutAggregationAnalyzer(),
        before: """
        [StreamingQuery([|OutputMode.Complete|], Name = "large")]
        static partial class LargeOrders
        {
            static IStream<Order> Define(IStream<Order> orders) => orders.Where(o => o.Amount > 100m);
        }
        """,
        after: """
        [StreamingQuery(OutputMode.Update, Name = "large")]
        static partial class LargeOrders
        {
            static IStream<Order> Define(IStream<Order> orders) => orders.Where(o => o.Amount > 100m);
        }
        """);

    [Fact]
    public Task Fix_keeps_a_qualified_mode_qualified() => CodeFixVerifier<CompleteModeWithoutAggregationFixer>.VerifyAsync(
        new CompleteModeWithoutAggregationAnalyzer(),
        before: """
        [StreamingQuery([|Compiled.OutputMode.Complete|])]
        static partial class LargeOrders
        {
            static IStream<Order> Define(IStream<Order> orders) => orders.Where(o => o.Amount > 100m);
        }
        """,
        after: """
        [StreamingQuery(Compiled.OutputMode.Update)]
        static partial class LargeOrders
        {
            static IStream<Order> Define(IStream<Order> orders) => orders.Where(o => o.Amount > 100m);
        }
        """);

    [Fact]
    public Task Fix_replaces_a_cast_with_the_simplified_member() => CodeFixVerifier<CompleteModeWithoutAggregationFixer>.VerifyAsync(
        new CompleteModeWithoutAggregationAnalyzer(),
        before: """
        [StreamingQuery([|(OutputMode)2|])]
        static partial class LargeOrders
        {
            static IStream<Order> Define(IStream<Order> orders) => orders.Where(o => o.Amount > 100m);
        }
        """,
        after: """
        [StreamingQuery(OutputMode.Update)]
        static partial class LargeOrders
        {
            static IStream<Order> Define(IStream<Order> orders) => orders.Where(o => o.Amount > 100m);
        }
        """);
}
