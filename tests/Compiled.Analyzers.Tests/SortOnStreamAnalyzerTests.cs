using Verify = Compiled.Analyzers.Tests.Harness.AnalyzerVerifier<Compiled.Analyzers.Rules.SortOnStreamAnalyzer>;

namespace Compiled.Analyzers.Tests;

public sealed class SortOnStreamAnalyzerTests
{
    [Fact]
    public Task Sort_without_aggregation_is_reported_in_every_mode() => Verify.VerifyAsync("""
        [StreamingQuery(OutputMode.Append)]
        static partial class Sorted
        {
            static IStream<Order> Define(IStream<Order> orders) => orders.Where(o => o.Quantity > 0).[|OrderBy(o => o.Time)|];
        }

        [StreamingQuery(OutputMode.Complete)]
        static partial class SortedThenCounted
        {
            // The sort runs before the aggregation, on the raw stream.
            static IStream<CustomerTotal> Define(IStream<Order> orders) => orders
                .[|OrderByDescending(o => o.Amount)|]
                .GroupBy(o => o.Customer)
                .Select(g => new CustomerTotal(g.Key, g.LongCount(), g.Sum(o => o.Amount)));
        }
        """);

    [Fact]
    public Task Sort_after_aggregation_outside_complete_mode_is_reported() => Verify.VerifyAsync("""
        [StreamingQuery(OutputMode.Update)]
        static partial class TopCustomers
        {
            static IStream<CustomerTotal> Define(IStream<Order> orders) => orders
                .GroupBy(o => o.Customer)
                .Select(g => new CustomerTotal(g.Key, g.LongCount(), g.Sum(o => o.Amount)))
                .[|OrderByDescending(t => t.Amount)|];
        }
        """);

    [Fact]
    public Task Sort_after_aggregation_in_complete_mode_is_not_reported() => Verify.VerifyAsync("""
        [StreamingQuery(OutputMode.Complete)]
        static partial class TopCustomers
        {
            static IStream<CustomerTotal> Define(IStream<Order> orders) => orders
                .GroupBy(o => o.Customer)
                .Select(g => new CustomerTotal(g.Key, g.LongCount(), g.Sum(o => o.Amount)))
                .Where(t => t.Orders > 1)
                .OrderByDescending(t => t.Amount)
                .Take(10);
        }
        """);

    [Fact]
    public async Task Message_explains_what_to_write_instead()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            [StreamingQuery(OutputMode.Update)]
            static partial class TopCustomers
            {
                static IStream<CustomerTotal> Define(IStream<Order> orders) => orders
                    .GroupBy(o => o.Customer)
                    .Select(g => new CustomerTotal(g.Key, g.LongCount(), g.Sum(o => o.Amount)))
                    .OrderBy(t => t.Amount);
            }
            """);
        var message = Assert.Single(diagnostics).GetMessage();
        Assert.StartsWith("'OrderBy' in query 'TopCustomers' sorts a stream", message);
        Assert.Contains("Switch the query to OutputMode.Complete", message);
    }
}
