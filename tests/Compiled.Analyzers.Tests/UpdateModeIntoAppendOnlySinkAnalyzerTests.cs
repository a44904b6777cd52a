using Compiled.Analyzers.Tests.Harness;
using Verify = Compiled.Analyzers.Tests.Harness.AnalyzerVerifier<Compiled.Analyzers.Rules.UpdateModeIntoAppendOnlySinkAnalyzer>;

namespace Compiled.Analyzers.Tests;

public sealed class UpdateModeIntoAppendOnlySinkAnalyzerTests
{
    /// <summary>
    /// Two queries, each with a hand-written part standing in for the generated <c>Start</c> (the
    /// generator does not run in analyzer tests).
    /// </summary>
    private const string Queries = """
        using Compiled.Sources;

        [StreamingQuery(OutputMode.Update)]
        static partial class UpdatedTotals
        {
            static IStream<CustomerTotal> Define(IStream<Order> orders) => orders
                .GroupBy(o => o.Customer)
                .Select(g => new CustomerTotal(g.Key, g.LongCount(), g.Sum(o => o.Amount)));
        }

        static partial class UpdatedTotals
        {
            public static IDisposable Start(ISource<Order> orders, ISink<CustomerTotal> sink, QueryOptions? options = null) =>
                throw new NotImplementedException();
        }

        [StreamingQuery(OutputMode.Append)]
        static partial class LargeOrders
        {
            static IStream<Order> Define(IStream<Order> orders) => orders.Where(o => o.Amount > 100m);
        }

        static partial class LargeOrders
        {
            public static IDisposable Start(ISource<Order> orders, ISink<Order> sink, QueryOptions? options = null) =>
                throw new NotImplementedException();
        }
        """;

    [Fact]
    public Task Update_query_started_into_a_file_sink_is_reported_on_the_sink_argument() => Verify.VerifyAsync($$"""
        {{Queries}}

        static class Program
        {
            static void Run(ISource<Order> orders)
            {
                using var json = UpdatedTotals.Start(orders, [|Sink.JsonFiles<CustomerTotal>("out/json")|]);
                using var csv = UpdatedTotals.Start(orders, options: null, sink: [|Compiled.Sink.CsvFiles<CustomerTotal>("out/csv")|]);
            }
        }
        """);

    [Fact]
    public Task File_sink_held_in_a_local_is_followed_to_its_factory() => Verify.VerifyAsync($$"""
        {{Queries}}

        static class Program
        {
            static void Run(ISource<Order> orders)
            {
                var sink = Sink.JsonFiles<CustomerTotal>("out/json");
                using var query = UpdatedTotals.Start(orders, [|sink|]);
            }
        }
        """);

    [Fact]
    public Task Other_sinks_modes_and_reassigned_locals_are_not_reported() => Verify.VerifyAsync($$"""
        {{Queries}}

        static class Program
        {
            static void Run(ISource<Order> orders, bool debug)
            {
                using var console = UpdatedTotals.Start(orders, Sink.Console<CustomerTotal>());
                using var memory = UpdatedTotals.Start(orders, Sink.Memory<CustomerTotal>());
                // Append is what file sinks are for.
                using var files = LargeOrders.Start(orders, Sink.JsonFiles<Order>("out/large"));
                // The sink may be replaced before Start: nothing certain to say.
                ISink<CustomerTotal> sink = Sink.JsonFiles<CustomerTotal>("out/json");
                if (debug) sink = Sink.Console<CustomerTotal>();
                using var query = UpdatedTotals.Start(orders, sink);
            }
        }
        """);

    [Fact]
    public async Task Message_names_the_query_and_the_sink_factory()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync($$"""
            {{Queries}}

            static class Program
            {
                static IDisposable Run(ISource<Order> orders) => UpdatedTotals.Start(orders, Sink.CsvFiles<CustomerTotal>("out"));
            }
            """);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Contains("'UpdatedTotals'", diagnostic.GetMessage());
        Assert.Contains("'Sink.CsvFiles'", diagnostic.GetMessage());
    }
}
