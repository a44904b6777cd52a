using Verify = Compiled.Analyzers.Tests.Harness.AnalyzerVerifier<Compiled.Analyzers.Rules.DistinctAggregateOrGroupingSetsAnalyzer>;

namespace Compiled.Analyzers.Tests;

public sealed class DistinctAggregateOrGroupingSetsAnalyzerTests
{
    [Fact]
    public Task Count_distinct_is_reported() => Verify.VerifyAsync("""
        public sealed record ProductCount(string Customer, long Products);

        [StreamingQuery(OutputMode.Update)]
        static partial class DistinctProducts
        {
            static IStream<ProductCount> Define(IStream<Order> orders) => orders
                .GroupBy(o => o.Customer)
                .Select(g => new ProductCount(g.Key, g.[|CountDistinct(o => o.Product)|]));
        }
        """);

    [Fact]
    public Task Rollup_and_cube_are_reported() => Verify.VerifyAsync("""
        public sealed record Subtotal(string Customer, string Product, long Orders);

        [StreamingQuery(OutputMode.Complete)]
        static partial class Rollup
        {
            static IStream<Subtotal> Define(IStream<Order> orders) => orders
                .[|GroupByRollup(o => (o.Customer, o.Product))|]
                .Select(g => new Subtotal(g.Key.Customer, g.Key.Product, g.LongCount()));
        }

        [StreamingQuery(OutputMode.Complete)]
        static partial class Cube
        {
            static IStream<Subtotal> Define(IStream<Order> orders) => orders
                .[|GroupByCube(o => (o.Customer, o.Product))|]
                .Select(g => new Subtotal(g.Key.Customer, g.Key.Product, g.LongCount()));
        }
        """);

    [Fact]
    public Task Plain_grouping_and_aggregates_are_not_reported() => Verify.VerifyAsync("""
        public sealed record Subtotal(string Customer, string Product, long Orders, int MaxQuantity);

        [StreamingQuery(OutputMode.Update)]
        static partial class Subtotals
        {
            static IStream<Subtotal> Define(IStream<Order> orders) => orders
                .GroupBy(o => (o.Customer, o.Product))
                .Select(g => new Subtotal(g.Key.Customer, g.Key.Product, g.LongCount(), g.Max(o => o.Quantity)));
        }

        // A method named CountDistinct that is not the DSL's aggregate.
        static class Stats
        {
            public static long CountDistinct<T>(IEnumerable<T> values) => 0;
            static long Use() => CountDistinct(new[] { 1, 2 });
        }
        """);

    [Fact]
    public async Task Message_suggests_grouping_by_the_value()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            public sealed record ProductCount(string Customer, long Products);

            [StreamingQuery(OutputMode.Update)]
            static partial class DistinctProducts
            {
                static IStream<ProductCount> Define(IStream<Order> orders) => orders
                    .GroupBy(o => o.Customer)
                    .Select(g => new ProductCount(g.Key, g.CountDistinct(o => o.Product)));
            }
            """);
        var message = Assert.Single(diagnostics).GetMessage();
        Assert.StartsWith("'CountDistinct' in query 'DistinctProducts' is a distinct aggregate", message);
        Assert.Contains("Group by the key and the value together", message);
    }
}
