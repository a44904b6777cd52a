using System.Collections.Immutable;
using Compiled.Analyzers.Queries;
using Compiled.Analyzers.Tests.Harness;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Compiled.Analyzers.Tests;

/// <summary>Every query rule is its own analyzer; together they parse each query class once per compilation, not once each.</summary>
[Collection(nameof(QueryParsedOncePerCompilationTests))]
[CollectionDefinition(nameof(QueryParsedOncePerCompilationTests), DisableParallelization = true)]
public sealed class QueryParsedOncePerCompilationTests
{
    private static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers = typeof(Descriptors).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(QueryValidationAnalyzer)) && !t.IsAbstract)
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    [Fact]
    public async Task All_query_rules_together_parse_each_query_once_and_still_report_every_finding()
    {
        Assert.True(Analyzers.Length > 5, $"only {Analyzers.Length} query rules found");
        var compilation = TestCompilation.Create("""
            public sealed record Trade(DateTime CreatedTime, string Broker, int Amount);
            public sealed record BrokerTotal(string Broker, long Total);
            [StreamingQuery(OutputMode.Complete)] static partial class Filtered { static IStream<Trade> Define(IStream<Trade> trades) => trades.Where(t => t.Amount > 0); }
            [StreamingQuery(OutputMode.Append)] static partial class Totals { static IStream<BrokerTotal> Define(IStream<Trade> trades) => trades.GroupBy(t => t.Broker).Select(g => new BrokerTotal(g.Key, g.Sum(t => t.Amount))); }
            """);

        int before = QueryFindings.Parses;
        var diagnostics = await AnalyzerRunner.RunAsync(Analyzers, compilation);

        Assert.Equal(2, QueryFindings.Parses - before);
        Assert.Equal(["CQ1001", "CQ1002"], diagnostics.Select(d => d.Id).Order(StringComparer.Ordinal));
    }
}
