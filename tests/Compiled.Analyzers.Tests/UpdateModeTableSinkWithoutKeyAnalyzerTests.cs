using Compiled.Analyzers.Tests.Harness;
using Verify = Compiled.Analyzers.Tests.Harness.AnalyzerVerifier<Compiled.Analyzers.Rules.UpdateModeTableSinkWithoutKeyAnalyzer>;

namespace Compiled.Analyzers.Tests;

public sealed class UpdateModeTableSinkWithoutKeyAnalyzerTests
{
    /// <summary>
    /// An Update and an Append query with hand-written <c>Start</c> methods (the generator does not run here), two row
    /// types (keyed and not), and table-sink factories shaped like <c>Sink.Sqlite</c>/<c>Sink.Postgres</c>, which live in
    /// assemblies the analyzer tests do not reference: the rule knows a table sink by its <c>TableSink&lt;T&gt;</c> type.
    /// </summary>
    private const string Queries = """
        using System.Linq.Expressions;
        using Compiled.Sources;
        using Compiled.Sinks.Tables;

        public sealed record KeyedTotal([TableKey] string Customer, long Orders, decimal Amount);

        static class Tables
        {
            public static TableSink<T> Sqlite<T>(string path, string table, TableSinkOptions? options = null) => throw new NotImplementedException();
            public static TableSink<T> Sqlite<T, TKey>(string path, string table, Expression<Func<T, TKey>> key, TableSinkOptions? options = null) => throw new NotImplementedException();
        }

        [StreamingQuery(OutputMode.Update)]
        static partial class UpdatedTotals
        {
            static IStream<CustomerTotal> Define(IStream<Order> orders) => orders
                .GroupBy(o => o.Customer)
                .Select(g => new CustomerTotal(g.Key, g.LongCount(), g.Sum(o => o.Amount)));
        }

        static partial class UpdatedTotals
        {
            public static IDisposable Start(ISource<Order> orders, ISink<CustomerTotal> sink, QueryOptions? options = null) => throw new NotImplementedException();
        }

        [StreamingQuery(OutputMode.Update)]
        static partial class KeyedTotals
        {
            static IStream<KeyedTotal> Define(IStream<Order> orders) => orders
                .GroupBy(o => o.Customer)
                .Select(g => new KeyedTotal(g.Key, g.LongCount(), g.Sum(o => o.Amount)));
        }

        static partial class KeyedTotals
        {
            public static IDisposable Start(ISource<Order> orders, ISink<KeyedTotal> sink, QueryOptions? options = null) => throw new NotImplementedException();
        }

        [StreamingQuery(OutputMode.Append)]
        static partial class LargeOrders
        {
            static IStream<Order> Define(IStream<Order> orders) => orders.Where(o => o.Amount > 100m);
        }

        static partial class LargeOrders
        {
            public static IDisposable Start(ISource<Order> orders, ISink<Order> sink, QueryOptions? options = null) => throw new NotImplementedException();
        }
        """;

    [Fact]
    public Task Update_query_into_a_table_sink_without_a_key_is_reported_on_the_sink_argument() => Verify.VerifyAsync($$"""
        {{Queries}}

        static class Program
        {
            static void Run(ISource<Order> orders)
            {
                using var direct = UpdatedTotals.Start(orders, [|Tables.Sqlite<CustomerTotal>("app.db", "totals")|]);
                var sink = Tables.Sqlite<CustomerTotal>("app.db", "totals");
                using var viaLocal = UpdatedTotals.Start(orders, [|sink|]);
            }
        }
        """);

    [Fact]
    public Task A_key_attribute_a_key_selector_another_mode_or_another_sink_is_not_reported() => Verify.VerifyAsync($$"""
        {{Queries}}

        static class Program
        {
            static void Run(ISource<Order> orders)
            {
                using var attribute = KeyedTotals.Start(orders, Tables.Sqlite<KeyedTotal>("app.db", "totals"));
                using var selector = UpdatedTotals.Start(orders, Tables.Sqlite("app.db", "totals", (CustomerTotal t) => t.Customer));
                using var composite = UpdatedTotals.Start(orders, Tables.Sqlite("app.db", "totals", (CustomerTotal t) => new { t.Customer, t.Orders }));
                using var append = LargeOrders.Start(orders, Tables.Sqlite<Order>("app.db", "large"));
                using var foreachBatch = UpdatedTotals.Start(orders, Sink.ForeachBatch<CustomerTotal>((rows, id) => { }));
            }
        }
        """);

    [Fact]
    public async Task Message_names_the_query_the_factory_and_the_row_type()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync($$"""
            {{Queries}}

            static class Program
            {
                static IDisposable Run(ISource<Order> orders) => UpdatedTotals.Start(orders, Tables.Sqlite<CustomerTotal>("app.db", "totals"));
            }
            """);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("CQ1007", diagnostic.Id);
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains("Query 'UpdatedTotals' runs in OutputMode.Update into table sink 'Sqlite', but row type 'CustomerTotal' declares no key", diagnostic.GetMessage());
        Assert.Contains("[TableKey]", diagnostic.GetMessage());
    }
}
