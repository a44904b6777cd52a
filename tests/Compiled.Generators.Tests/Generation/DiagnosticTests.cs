using Compiled.Diagnostics;
using Compiled.Generators.Tests.Infrastructure;

namespace Compiled.Generators.Tests.Generation;

/// <summary>Each generator diagnostic, reported alone, on the offending code, with a help link and an actionable message.</summary>
public sealed class DiagnosticTests
{
    private const string Rows = "public record Trade(string Broker, int Amount); public record Total(string Broker, long Sum);";

    [Theory]
    [InlineData("[StreamingQuery(OutputMode.Append)] public static class [|Q|] { static IStream<Trade> Define(IStream<Trade> t) => t; }", "is not partial")]
    [InlineData("public static class [|Outer|] { [StreamingQuery(OutputMode.Append)] public static partial class Q { static IStream<Trade> Define(IStream<Trade> t) => t; } }", "'Outer', which is not partial")]
    [InlineData("[StreamingQuery(OutputMode.Append)] public partial class Q[|<T>|] { static IStream<Trade> Define(IStream<Trade> t) => t; }", "is generic")]
    [InlineData("public partial class [|Outer|]<T> { [StreamingQuery(OutputMode.Append)] public static partial class Q { static IStream<Trade> Define(IStream<Trade> t) => t; } }", "nested in generic type")]
    public void CQ0001_query_class_must_be_partial_and_not_generic(string source, string message) =>
        AssertSingle(source, DiagnosticIds.QueryClassNotPartial, message);

    [Theory]
    [InlineData("[StreamingQuery(OutputMode.Append)] public static partial class [|Q|] { }", "has no 'Define' method")]
    [InlineData("[StreamingQuery(OutputMode.Append)] public partial class Q { IStream<Trade> [|Define|](IStream<Trade> t) => t; }", "without 'static'")]
    [InlineData("[StreamingQuery(OutputMode.Append)] public static partial class Q { static [|IEnumerable<Trade>|] Define(IStream<Trade> t) => null!; }", "returning 'System.Collections.Generic.IEnumerable<Trade>'")]
    [InlineData("[StreamingQuery(OutputMode.Append)] public static partial class Q { static IStream<Trade> Define([|List<Trade> t|]) => null!; }", "parameter 't'")]
    [InlineData("[StreamingQuery(OutputMode.Append)] public static partial class Q { static IStream<Trade> Define[|()|] => null!; }", "without inputs")]
    [InlineData("[StreamingQuery(OutputMode.Complete)] public static partial class Q { static IGroupedStream<string, Trade> Define(IStream<Trade> t) => t.GroupBy(x => x.Broker); static [|IGroupedStream<string, Trade>|] Define(IStream<Trade> t, IStream<Trade> u) => t.GroupBy(x => x.Broker); }", "declares 'Define' 2 times")]
    public void CQ0002_define_must_take_and_return_streams(string source, string message)
    {
        // The duplicate-Define case marks the second declaration's return type only to keep the marker syntax simple.
        if (message.Contains("2 times"))
        {
            var run = GeneratorHarness.Run(new MarkedSource(source).Text, Rows);
            var diagnostic = Assert.Single(run.Diagnostics);
            Assert.Equal(DiagnosticIds.QueryDefinitionInvalid, diagnostic.Id);
            Assert.Contains(message, diagnostic.GetMessage());
            return;
        }
        AssertSingle(source, DiagnosticIds.QueryDefinitionInvalid, message);
    }

    [Theory]
    [InlineData("t => t.WithWatermark(x => (long)x.Amount, TimeSpan.FromSeconds(1)).GroupBy(x => x.Broker).Select(g => new Total(g.Key, g.LongCount())).[|DropDuplicatesWithinWatermark(x => x.Broker)|]", "uses 'DropDuplicatesWithinWatermark after Aggregate")]
    [InlineData("t => t.Where(x => x.Amount > 0).[|Twice|]()", "uses 'Twice'")]
    [InlineData("t => t.GroupBy(x => x.Broker).Select(g => new Total(g.Key, g.Sum(x => (long)x.Amount))).[|GroupBy(x => x.Broker)|].Select(g => new Total(g.Key, 1))", "an aggregation without a time window after an aggregation without a time window")]
    [InlineData("t => t.GroupBy(x => x.Broker).Select(g => new Total(g.Key, [|g.GetHashCode()|]))", "uses 'g.GetHashCode()'")]
    [InlineData("t => t.GroupBy(x => x.Broker).Select(g => new Total(g.Key, [|Helper(g)|]))", "uses 'Helper(g)'")]
    [InlineData("t => t.GroupBy(x => new { x.Broker }).Select(g => new Total([|g.Key|].ToString(), 1))", "uses 'g.Key as a whole anonymous-type value")]
    [InlineData("t => t.Select(x => new { x.Broker, x.Amount }).Select(a => new Total(a.Broker, [|a|].GetHashCode()))", "uses 'a as a whole anonymous-type value")]
    public void CQ0003_unsupported_operator_lists_the_supported_ones(string body, string message)
    {
        string source = "[StreamingQuery(OutputMode.Update)] public static partial class Q { static IStream<"
            + (body.Contains("Total") ? "Total" : "Trade") + "> Define(IStream<Trade> s) => Run(s); static IStream<"
            + (body.Contains("Total") ? "Total" : "Trade") + "> Run(IStream<Trade> s) => s; }";
        // Put the chain directly in Define: replace Run(s) with the body applied to s.
        source = source.Replace("=> Run(s);", "=> ((System.Func<IStream<Trade>, IStream<" + (body.Contains("Total") ? "Total" : "Trade") + ">>)null!)(s);");
        source = "[StreamingQuery(OutputMode.Update)] public static partial class Q { static IStream<"
            + (body.Contains("Total") ? "Total" : "Trade") + "> Define(IStream<Trade> t) => " + body.Substring("t => ".Length) + ";"
            + " static long Helper(object o) => 0; }"
            + " public static class Ext { public static IStream<Trade> Twice(this IStream<Trade> s) => s; }";
        var diagnostic = AssertSingle(source, DiagnosticIds.UnsupportedOperator, message);
        Assert.Contains(Descriptors.SupportedOperators, diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("{ [|var x = t;|] return x; }", "contains 'var x = t;'")]
    [InlineData("=> [|Helper(t)|];", "'Helper(t)' is not an input stream parameter")]
    [InlineData("=> t.Where([|s_filter|]);", "'Where' receives 's_filter'")]
    [InlineData("=> t.Where(x => x.Amount > [|s_limit|]).Select(x => x);", "")]
    public void CQ0004_body_must_be_one_chain(string body, string message)
    {
        string source = "[StreamingQuery(OutputMode.Append)] public static partial class Q { "
            + "static readonly System.Func<Trade, bool> s_filter = _ => true; static int s_limit = 3; "
            + "static IStream<Trade> Helper(IStream<Trade> t) => t; static IStream<Trade> Define(IStream<Trade> t) " + body + " }";
        if (message.Length == 0)
        {
            // A static field is not a capture: the lambda reads it by its qualified name, so no diagnostic.
            GeneratorHarness.Run(new MarkedSource(source).Text, Rows).AssertCompiles();
            return;
        }
        AssertSingle(source, DiagnosticIds.QueryBodyNotAChain, message);
    }

    [Theory]
    [InlineData("[|s_count|]", "the keyed-state function receives 's_count'")]
    [InlineData("(b, rows, s) => new Total(b, [|s_limit|] + s.GetOrDefault(0))", "")]
    [InlineData("(b, rows, s) => { s.Update([|t|].GetHashCode()); return new Total(b, 1); }", "uses 't' from outside the lambda")]
    public void CQ0004_keyed_state_function_must_be_a_lambda_or_static_method(string function, string message)
    {
        string source = "[StreamingQuery(OutputMode.Update)] public static partial class Q { "
            + "static readonly System.Func<string, IEnumerable<Trade>, GroupState<long>, Total> s_count = (b, r, s) => new Total(b, 1); static int s_limit = 3; "
            + "static IStream<Total> Define(IStream<Trade> t) => t.GroupBy(x => x.Broker).MapGroupsWithState<long, Total>(GroupStateTimeout.NoTimeout, " + function + "); }";
        if (message.Length == 0)
        {
            GeneratorHarness.Run(new MarkedSource(source).Text, Rows).AssertCompiles();
            return;
        }
        AssertSingle(source, DiagnosticIds.QueryBodyNotAChain, message);
    }

    [Fact]
    public void CQ0004_lambda_reading_another_stream()
    {
        const string source = "[StreamingQuery(OutputMode.Append)] public static partial class Q { "
            + "static IStream<Trade> Define(IStream<Trade> t, IStream<Trade> u) => t.Where(x => [|u|] != null); }";
        AssertSingle(source, DiagnosticIds.QueryBodyNotAChain, "uses 'u' from outside the lambda");
    }

    [Theory]
    [InlineData("OutputMode.Complete", "t.GroupBy(x => x.Broker).Select(g => new Total(g.Key, g.LongCount())).OrderBy(x => x.Sum)")]
    [InlineData("OutputMode.Append", "t.Take(3)")]
    public void CQ0003_for_operators_valid_on_streams_but_not_compiled(string mode, string chain)
    {
        string output = chain.Contains("Total") ? "Total" : "Trade";
        string source = "[StreamingQuery(" + mode + ")] public static partial class Q { static IStream<" + output
            + "> Define(IStream<Trade> t) => " + chain + "; }";
        var run = GeneratorHarness.Run(source, Rows);
        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal(DiagnosticIds.UnsupportedOperator, diagnostic.Id);
    }

    [Theory]
    [InlineData("OutputMode.Append", "t.Where(x => x.Amount > 0).OrderBy(x => x.Amount)", "CQ1301")]
    [InlineData("OutputMode.Update", "t.Take(3)", "CQ1302")]
    [InlineData("OutputMode.Append", "t.Skip(3)", "CQ1302")]
    [InlineData("OutputMode.Update", "t.GroupByRollup(x => x.Broker).Select(g => new Total(g.Key, g.LongCount()))", "CQ1303")]
    [InlineData("OutputMode.Update", "t.GroupByCube(x => x.Broker).Select(g => new Total(g.Key, g.LongCount()))", "CQ1303")]
    [InlineData("OutputMode.Update", "t.GroupBy(x => x.Broker).Select(g => new Total(g.Key, g.CountDistinct(x => x.Amount)))", "CQ1303")]
    [InlineData("OutputMode.Complete", "t.Where(x => x.Amount > 0)", "CQ1001")]
    [InlineData("OutputMode.Append", "t.GroupBy(x => x.Broker).Select(g => new Total(g.Key, g.LongCount()))", "CQ1002")]
    [InlineData("OutputMode.Update", "t.GroupBy(x => new BrokerKey { Name = x.Broker }).Select(g => new Total(g.Key.Name, g.LongCount()))", "CQ1403")]
    public void Queries_the_analyzers_reject_get_an_uncallable_Start_naming_the_rule(string mode, string chain, string id)
    {
        string output = chain.Contains("Total") ? "Total" : "Trade";
        string source = "[StreamingQuery(" + mode + ")] public static partial class Q { static IStream<" + output
            + "> Define(IStream<Trade> t) => " + chain + "; } public sealed class BrokerKey { public string Name { get; set; } = \"\"; }";
        var run = GeneratorHarness.Run(source, Rows);
        Assert.Null(run.Result.Exception);
        // The analyzers report the rule from the same validation pass; the generator adds no duplicate.
        Assert.Empty(run.Diagnostics);
        AssertUncallableStart(run, id);
    }

    [Fact]
    public void Descriptors_have_help_links_to_their_docs_page()
    {
        foreach (var id in new[] { DiagnosticIds.QueryClassNotPartial, DiagnosticIds.QueryDefinitionInvalid, DiagnosticIds.UnsupportedOperator, DiagnosticIds.QueryBodyNotAChain })
        {
            var descriptor = Descriptors.ForId(id);
            Assert.Equal(id, descriptor.Id);
            Assert.Equal(HelpLinks.For(id), descriptor.HelpLinkUri);
            Assert.EndsWith("/docs/diagnostics/" + id + ".md", descriptor.HelpLinkUri, StringComparison.Ordinal);
        }
    }

    private static Microsoft.CodeAnalysis.Diagnostic AssertSingle(string markedSource, string id, string message)
    {
        var marked = new MarkedSource(markedSource);
        var run = GeneratorHarness.Run(marked.Text, Rows);
        Assert.Null(run.Result.Exception);
        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(marked.Span, diagnostic.Location.SourceSpan);
        Assert.Equal("Query0.cs", diagnostic.Location.GetLineSpan().Path);
        Assert.Contains(message, diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("'Q'", diagnostic.GetMessage(), StringComparison.Ordinal);
        if (id is DiagnosticIds.QueryClassNotPartial or DiagnosticIds.QueryDefinitionInvalid)
            Assert.Empty(run.Result.GeneratedSources);
        else
            AssertUncallableStart(run, id);
        return diagnostic;
    }

    /// <summary>A query with a valid signature but an invalid body still gets a Start, which a call site cannot use and which says why.</summary>
    private static void AssertUncallableStart(GeneratorRun run, string id)
    {
        string source = run.Source;
        Assert.Contains("[global::System.Obsolete(\"Streaming query 'Q' cannot start: " + id, source, StringComparison.Ordinal);
        Assert.DoesNotContain("CreatePlan", source, StringComparison.Ordinal);
        int inputs = source.Split('\n').Count(l => l.TrimStart().StartsWith("global::Compiled.Sources.ISource<", StringComparison.Ordinal));
        var caller = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(
            "static class Caller { static object M() => Q.Start(" + string.Join(", ", Enumerable.Repeat("null!", inputs + 1)) + "); }", GeneratorHarness.ParseOptions, path: "Caller.cs");
        var errors = run.Output.AddSyntaxTrees(caller).GetDiagnostics()
            .Where(d => d.Location.SourceTree?.FilePath == "Caller.cs" && d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).ToList();
        var error = Assert.Single(errors);
        Assert.Equal("CS0619", error.Id);
        Assert.Contains(id, error.GetMessage(), StringComparison.Ordinal);
    }
}
