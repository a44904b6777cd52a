using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Compiled.Analyzers.Tests.Harness;
using Compiled.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Compiled.Analyzers.Tests;

/// <summary>
/// The generator and every analyzer together over a corpus of queries, as a build runs them: an invalid query yields
/// exactly its expected CQ ids (from whichever side reports them) and an uncallable Start; a valid one yields a Start
/// and no diagnostic at all. The two sides share one parser and one set of validation passes, so they cannot disagree.
/// </summary>
public sealed class CorpusTests
{
    private static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers = typeof(Descriptors).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(DiagnosticAnalyzer)) && !t.IsAbstract)
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    private const string Rows = """
        public sealed record Trade(DateTime CreatedTime, DateTime SettledTime, string Broker, int Amount);
        public sealed record WindowTotal(DateTime Start, DateTime End, long Total);
        public sealed record BrokerTotal(string Broker, long Total);
        public sealed class BrokerKey { public string Name { get; set; } = ""; }
        public sealed record Node(string Name, Node? Parent);
        public sealed record BrokerWindow(TimeWindow Window, string Broker, long Total);
        """;

    /// <summary>Invalid queries (a chain over <c>trades</c>) and the ids a build reports for them.</summary>
    public static TheoryData<string, string, string, string> Invalid => new()
    {
        { "Complete", "Trade", ".Where(t => t.Amount > 0)", "CQ1001" },
        { "Append", "BrokerTotal", ".GroupBy(t => t.Broker).Select(g => new BrokerTotal(g.Key, g.Sum(t => t.Amount)))", "CQ1002" },
        { "Append", "WindowTotal", ".GroupBy(t => Window.Tumbling(t.CreatedTime, TimeSpan.FromMinutes(5))).Select(g => new WindowTotal(g.Key.Start, g.Key.End, g.LongCount()))", "CQ1002" },
        { "Update", "BrokerTotal", ".WithWatermark(t => t.CreatedTime, TimeSpan.FromMinutes(1)).GroupBy(t => (Window.Session(t.CreatedTime, TimeSpan.FromMinutes(5)), t.Broker)).Select(g => new BrokerTotal(g.Key.Item2, g.LongCount()))", "CQ1003" },
        { "Complete", "WindowTotal", ".WithWatermark(t => t.CreatedTime, TimeSpan.FromMinutes(1)).GroupBy(t => Window.Tumbling(t.CreatedTime, TimeSpan.FromMinutes(5))).Select(g => new WindowTotal(g.Key.Start, g.Key.End, g.LongCount()))", "CQ1004" },
        { "Update", "WindowTotal", ".GroupBy(t => Window.Tumbling(t.CreatedTime, TimeSpan.FromMinutes(5))).Select(g => new WindowTotal(g.Key.Start, g.Key.End, g.LongCount())).WithWatermark(w => w.End, TimeSpan.FromMinutes(1))", "CQ1101" },
        { "Append", "WindowTotal", ".WithWatermark(t => t.CreatedTime, TimeSpan.FromMinutes(1)).GroupBy(t => Window.Tumbling(t.SettledTime, TimeSpan.FromMinutes(5))).Select(g => new WindowTotal(g.Key.Start, g.Key.End, g.LongCount()))", "CQ1102" },
        { "Append", "WindowTotal", ".WithWatermark(t => t.CreatedTime, TimeSpan.FromMinutes(1)).GroupBy(t => Window.Session(t.CreatedTime, TimeSpan.FromMinutes(5))).Select(g => new WindowTotal(g.Key.Start, g.Key.End, g.LongCount()))", "CQ1103" },
        { "Update", "WindowTotal", ".GroupBy(t => Window.Sliding(t.CreatedTime, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10))).Select(g => new WindowTotal(g.Key.Start, g.Key.End, g.LongCount()))", "CQ1106" },
        { "Append", "Trade", ".OrderBy(t => t.Amount)", "CQ1301" },
        { "Update", "Trade", ".Take(3)", "CQ1302" },
        { "Append", "Trade", ".Skip(3).OrderBy(t => t.Amount)", "CQ1301 CQ1302" },
        { "Update", "long", ".GroupBy(t => t.Broker).Select(g => g.CountDistinct(t => t.Amount))", "CQ1303" },
        { "Update", "long", ".GroupByCube(t => t.Broker).Select(g => g.LongCount())", "CQ1303" },
        { "Update", "long", ".Where(t => t.CreatedTime < DateTime.Now)", "CQ1401" },
        { "Update", "BrokerTotal", ".GroupBy(t => new BrokerKey { Name = t.Broker }).Select(g => new BrokerTotal(g.Key.Name, g.LongCount()))", "CQ1403" },
        { "Update", "BrokerTotal", ".GroupBy(t => new Node(t.Broker, null)).Select(g => new BrokerTotal(g.Key.Name, g.LongCount()))", "CQ1403" },
        { "Append", "Trade", ".DropDuplicatesWithinWatermark(t => t.Broker)", "CQ1105" },
        { "Append", "long", ".GroupBy(t => t.Broker).MapGroupsWithState<long, long>(GroupStateTimeout.NoTimeout, (b, rows, s) => 1L)", "CQ1304" },
        { "Update", "long", ".GroupBy(t => t.Broker).MapGroupsWithState<long, long>(GroupStateTimeout.EventTimeTimeout, (b, rows, s) => 1L)", "CQ1104" },
        // Chained window aggregations compile in Append only: Spark refuses Update (CQ1306 says why), and so do the emitters.
        { "Update", "WindowTotal", ".WithWatermark(t => t.CreatedTime, TimeSpan.FromMinutes(1)).GroupBy(t => (Window.Tumbling(t.CreatedTime, TimeSpan.FromMinutes(5)), t.Broker)).Select(g => new BrokerWindow(g.Key.Item1, g.Key.Broker, g.LongCount())).GroupBy(w => Window.Tumbling(w.Window.WindowTime, TimeSpan.FromHours(1))).Select(g => new WindowTotal(g.Key.Start, g.Key.End, g.Sum(w => w.Total)))", "CQ0003 CQ1306" },
        { "Append", "long", ".WithWatermark(t => t.CreatedTime, TimeSpan.FromMinutes(1)).GroupBy(t => (Window.Tumbling(t.CreatedTime, TimeSpan.FromMinutes(5)), t.Broker)).Select(g => new BrokerWindow(g.Key.Item1, g.Key.Broker, g.LongCount())).GroupBy(w => w.Broker).FlatMapGroupsWithState<long, long>(OutputMode.Append, GroupStateTimeout.NoTimeout, (b, rows, s) => new[] { 1L })", "CQ0003" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task Invalid_query_yields_exactly_its_ids_and_an_uncallable_Start(string mode, string output, string chain, string ids)
    {
        // CQ1401 is an IOperation rule: 'long' output with a Where needs a valid row type, so that case maps the rows.
        if (output == "long" && chain.StartsWith(".Where", StringComparison.Ordinal)) chain += ".Select(t => (long)t.Amount)";
        var source = Rows + "\n[StreamingQuery(OutputMode." + mode + ")] static partial class Q { static IStream<" + output
            + "> Define(IStream<Trade> trades) => trades" + chain + "; }";
        var build = await BuildAsync(source);
        Assert.Equal(ids.Split(' ').Order(StringComparer.Ordinal), build.Ids);
        // CQ1401 and CQ1402 read C# itself (IOperation), not the query's shape: the generator compiles the query and the
        // analyzers' errors fail the build. A warning (CQ1004) leaves the query compiled. Every other id stops the generator too.
        if (ids is not ("CQ1401" or "CQ1402" or "CQ1004"))
            Assert.Contains("[global::System.Obsolete(\"Streaming query 'Q' cannot start: ", build.Generated, StringComparison.Ordinal);
        Assert.Empty(build.CompilerErrors);
    }

    public static TheoryData<string> ValidQueryFiles => new(Directory.GetFiles(ValidDirectory(), "*.cs")
        .Select(Path.GetFileNameWithoutExtension).Where(n => n != "Rows").Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(ValidQueryFiles))]
    public async Task Valid_query_yields_Start_and_no_diagnostic(string name)
    {
        var build = await BuildAsync(File.ReadAllText(Path.Combine(ValidDirectory(), name + ".cs")),
            File.ReadAllText(Path.Combine(ValidDirectory(), "Rows.cs")), "global using System.Linq;");
        Assert.Empty(build.CompilerErrors);
        // A corpus query may warn (never fail) when its file says so: "// Warns: CQxxxx (why)".
        string text = File.ReadAllText(Path.Combine(ValidDirectory(), name + ".cs"));
        var warns = System.Text.RegularExpressions.Regex.Match(text, "// Warns: (CQ[0-9]{4})");
        Assert.Equal(warns.Success ? [warns.Groups[1].Value] : Array.Empty<string>(), build.Ids);
        Assert.Contains(" static global::Compiled.StreamingQuery Start(", build.Generated, StringComparison.Ordinal);
        Assert.DoesNotContain("Obsolete", build.Generated, StringComparison.Ordinal);
    }

    /// <summary>The generator's compiled corpus: every query there must build cleanly.</summary>
    private static string ValidDirectory([CallerFilePath] string file = "") =>
        Path.Combine(Path.GetDirectoryName(file)!, "..", "Compiled.Generators.Tests", "Queries");

    private static async Task<Build> BuildAsync(params string[] sources)
    {
        // The generator's corpus uses C# 14's span conversions, as its test project does.
        var preview = new CSharpParseOptions(LanguageVersion.Preview);
        var latest = TestCompilation.Create(sources);
        var compilation = latest.RemoveAllSyntaxTrees()
            .AddSyntaxTrees(latest.SyntaxTrees.Select(t => CSharpSyntaxTree.ParseText(t.GetText(), preview, t.FilePath)));
        var driver = CSharpGeneratorDriver.Create([new QueryGenerator().AsSourceGenerator()], parseOptions: preview)
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        var result = driver.GetRunResult().Results.Single();
        Assert.Null(result.Exception);
        var ids = result.Diagnostics.Select(d => d.Id).ToList();
        ids.AddRange((await AnalyzerRunner.RunAsync(Analyzers, output)).Select(d => d.Id));
        string generated = string.Join("\n", result.GeneratedSources.Select(s => s.SourceText.ToString()));
        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToImmutableArray();
        return new Build(ids.Distinct().Order(StringComparer.Ordinal).ToArray(), generated, errors);
    }

    private sealed record Build(string[] Ids, string Generated, ImmutableArray<string> CompilerErrors);
}
