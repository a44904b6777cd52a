using Verify = Compiled.Analyzers.Tests.Harness.AnalyzerVerifier<Compiled.Analyzers.Rules.LimitOrOffsetOnStreamAnalyzer>;

namespace Compiled.Analyzers.Tests;

public sealed class LimitOrOffsetOnStreamAnalyzerTests
{
    [Fact]
    public Task Take_in_update_mode_is_reported() => Verify.VerifyAsync("""
        [StreamingQuery(OutputMode.Update)]
        static partial class FirstTotals
        {
            static IStream<CustomerTotal> Define(IStream<Order> orders) => orders
                .GroupBy(o => o.Customer)
                .Select(g => new CustomerTotal(g.Key, g.LongCount(), g.Sum(o => o.Amount)))
                .[|Take(10)|];
        }
        """);

    [Fact]
    public Task Skip_is_reported_in_every_mode() => Verify.VerifyAsync("""
        [StreamingQuery(OutputMode.Append)]
        static partial class AfterFirst
        {
            static IStream<Order> Define(IStream<Order> orders) => orders.[|Skip(5)|];
        }

        [StreamingQuery(OutputMode.Complete)]
        static partial class AfterTop
        {
            static IStream<CustomerTotal> Define(IStream<Order> orders) => orders
                .GroupBy(o => o.Customer)
                .Select(g => new CustomerTotal(g.Key, g.LongCount(), g.Sum(o => o.Amount)))
                .[|Skip(5)|];
        }
        """);

    [Fact]
    public Task Take_in_append_and_complete_modes_is_not_reported() => Verify.VerifyAsync("""
        [StreamingQuery(OutputMode.Append)]
        static partial class FirstOrders
        {
            static IStream<Order> Define(IStream<Order> orders) => orders.Take(100);
        }

        [StreamingQuery(OutputMode.Complete)]
        static partial class TopTen
        {
            static IStream<CustomerTotal> Define(IStream<Order> orders) => orders
                .GroupBy(o => o.Customer)
                .Select(g => new CustomerTotal(g.Key, g.LongCount(), g.Sum(o => o.Amount)))
                .OrderByDescending(t => t.Amount)
                .Take(10);
        }
        """);

    [Fact]
    public async Task Messages_say_why_and_what_to_write_instead()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            [StreamingQuery(OutputMode.Update)]
            static partial class Paged
            {
                static IStream<Order> Define(IStream<Order> orders) => orders.Skip(5).Take(10);
            }
            """);
        var messages = diagnostics.Select(d => d.GetMessage()).OrderBy(m => m, StringComparer.Ordinal).ToArray();
        Assert.Equal(2, messages.Length);
        Assert.StartsWith("'Skip' in query 'Paged' drops the first rows", messages[0]);
        Assert.Contains("Filter the rows with Where", messages[0]);
        Assert.StartsWith("'Take' in query 'Paged' keeps the first rows", messages[1]);
        Assert.Contains("OutputMode.Complete", messages[1]);
    }
}
