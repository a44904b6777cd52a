using Compiled.Analyzers.Rules;
using Compiled.Analyzers.Tests.Harness;
using Compiled.Diagnostics;
using Microsoft.CodeAnalysis;

namespace Compiled.Analyzers.Tests;

/// <summary>
/// CQ1405 runs on code that does not compile, so these tests build the compilation themselves and check the
/// compiler's errors too: the rule must stand beside the foreign-library error, and only there.
/// </summary>
public sealed class LinqOperatorNotOnStreamAnalyzerTests
{
    [Fact]
    public async Task Join_concat_and_count_on_streams_get_CQ1405_on_the_method_name_beside_the_foreign_error()
    {
        var (compilerErrors, reported, source) = await RunAsync("""
            using System.Linq;

            [StreamingQuery(OutputMode.Append)]
            static partial class Enriched
            {
                static IStream<string> Define(IStream<Order> orders, IStream<Order> returns) => orders
                    .GroupJoin(returns, o => o.Product, r => r.Product, (o, r) => o.Customer);
            }

            [StreamingQuery(OutputMode.Append)]
            static partial class Both
            {
                static IStream<Order> Define(IStream<Order> orders, IStream<Order> returns) => orders.Concat(returns);
            }

            static class Totals
            {
                static object Total(IStream<Order> orders) => orders.Count();
                static object Firsts(IStream<Order> orders) => orders.GroupBy(o => o.Customer).Select(g => g.First());
            }
            """);

        // The test's Roslyn (4.x) reports CS1061; the .NET 10 SDK's C# 14 compiler reports CS0411 on AsyncEnumerable.Join
        // (the package tests build with that one).
        Assert.Equal(4, compilerErrors.Count(e => e.Id is "CS1061" or "CS0411"));
        Assert.Equal(["GroupJoin", "Concat", "Count", "First"], reported.Select(d => Text(source, d)));
        Assert.All(reported, d => Assert.Equal(DiagnosticIds.LinqOperatorNotOnStream, d.Id));

        string join = reported[0].GetMessage();
        Assert.Contains("'GroupJoin' is not an operator of Compiled.IStream<T>", join, StringComparison.Ordinal);
        Assert.Contains("System.Linq.AsyncEnumerable", join, StringComparison.Ordinal);
        Assert.Contains("System.Linq.Enumerable", reported[3].GetMessage(), StringComparison.Ordinal);
        Assert.Contains("JoinType.LeftOuter", join, StringComparison.Ordinal);
        Assert.Contains("GroupBy(key).Select(g => ...)", reported[2].GetMessage(), StringComparison.Ordinal);
        Assert.Contains("Compiled.IGroup<TKey, T>", reported[3].GetMessage(), StringComparison.Ordinal);
        Assert.Contains("Count, LongCount, CountDistinct, Sum", reported[3].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Valid_queries_wrong_arguments_to_stream_operators_and_linq_on_collections_are_not_reported()
    {
        var (compilerErrors, reported, _) = await RunAsync("""
            using System.Linq;

            [StreamingQuery(OutputMode.Complete)]
            static partial class PerCustomer
            {
                static IStream<CustomerTotal> Define(IStream<Order> orders) => orders
                    .Where(o => o.Quantity > 0)
                    .GroupBy(o => o.Customer)
                    .Select(g => new CustomerTotal(g.Key, g.LongCount(), g.Sum(o => o.Amount)));
            }

            static class Elsewhere
            {
                // The stream has Where: the compiler's CS1593 already names IStream<T>.Where.
                static object Indexed(IStream<Order> orders) => orders.Where((o, i) => i > 0);

                // LINQ on collections and async sequences is the user's own and stays theirs.
                static int Joined(List<Order> a, List<Order> b) => a.Join(b, x => x.Product, y => y.Product, (x, y) => 1).Count();
                static System.Threading.Tasks.ValueTask<List<int>> Async(IAsyncEnumerable<int> numbers) => numbers.Where(x => x > 1).ToListAsync();
            }
            """);

        Assert.Equal(["CS1593"], compilerErrors.Select(e => e.Id).Distinct());
        Assert.Empty(reported);
    }

    private static async Task<(IReadOnlyList<Diagnostic> CompilerErrors, IReadOnlyList<Diagnostic> Reported, string Source)> RunAsync(string source)
    {
        var compilation = TestCompilation.Create(source);
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        var reported = (await AnalyzerRunner.RunAsync(new LinqOperatorNotOnStreamAnalyzer(), compilation))
            .OrderBy(d => d.Location.SourceSpan.Start)
            .ToList();
        return (errors, reported, source);
    }

    private static string Text(string source, Diagnostic diagnostic) =>
        source.ReplaceLineEndings("\n").Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length);
}
