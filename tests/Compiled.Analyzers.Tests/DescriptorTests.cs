using System.Reflection;
using Compiled.Analyzers.CodeFixes;
using Compiled.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Compiled.Analyzers.Tests;

/// <summary>Meta-tests: ids, help links, docs pages and release notes agree with the descriptors.</summary>
public sealed class DescriptorTests
{
    /// <summary>The generator's query-shape ids, documented here too (the generator reports them).</summary>
    private static readonly string[] GeneratorIds =
    [
        DiagnosticIds.QueryClassNotPartial, DiagnosticIds.QueryDefinitionInvalid,
        DiagnosticIds.UnsupportedOperator, DiagnosticIds.QueryBodyNotAChain,
    ];

    private static readonly DiagnosticAnalyzer[] Analyzers = typeof(Descriptors).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(DiagnosticAnalyzer)) && !t.IsAbstract)
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToArray();

    private static readonly CodeFixProvider[] Fixers = typeof(QueryClassNotPartialFixer).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(CodeFixProvider)) && !t.IsAbstract)
        .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
        .ToArray();

    public static TheoryData<string> DocumentedIds => new(
        GeneratorIds.Concat(Descriptors.All.Select(d => d.Id)).Concat(Fixers.SelectMany(f => f.FixableDiagnosticIds)).Distinct());

    [Fact]
    public void Descriptor_ids_are_unique_and_come_from_the_registry()
    {
        var ids = Descriptors.All.Select(d => d.Id).ToArray();
        Assert.Equal(ids.Length, ids.Distinct().Count());
        var registry = typeof(DiagnosticIds).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToHashSet();
        Assert.All(ids, id => Assert.Contains(id, registry));
        Assert.All(ids, id => Assert.Matches("^CQ1[0-9]{3}$", id));
    }

    [Fact]
    public void Every_descriptor_has_its_help_link_and_a_message_that_ends_a_sentence()
    {
        Assert.All(Descriptors.All, d =>
        {
            Assert.Equal(HelpLinks.For(d.Id), d.HelpLinkUri);
            Assert.EndsWith($"docs/diagnostics/{d.Id}.md", d.HelpLinkUri);
            Assert.True(d.IsEnabledByDefault);
            Assert.EndsWith(".", d.MessageFormat.ToString());
        });
    }

    [Fact]
    public void Every_descriptor_belongs_to_exactly_one_analyzer_and_every_analyzer_reports_only_descriptors()
    {
        Assert.NotEmpty(Analyzers);
        foreach (var descriptor in Descriptors.All)
            Assert.Single(Analyzers, a => a.SupportedDiagnostics.Contains(descriptor));
        Assert.All(Analyzers, a => Assert.All(a.SupportedDiagnostics, d => Assert.Contains(d, Descriptors.All)));
    }

    [Fact]
    public void Fixers_fix_registered_ids()
    {
        Assert.Equal(
            [DiagnosticIds.QueryClassNotPartial, DiagnosticIds.CompleteModeWithoutAggregation, DiagnosticIds.AppendModeAggregationWithoutWatermark,
                DiagnosticIds.OuterJoinWithoutWatermark],
            Fixers.SelectMany(f => f.FixableDiagnosticIds).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(DocumentedIds))]
    public void Every_id_has_a_docs_page_with_the_required_sections(string id)
    {
        var page = Path.Combine(RepositoryRoot(), "docs", "diagnostics", id + ".md");
        Assert.True(File.Exists(page), $"Missing docs page {page}.");
        var text = File.ReadAllText(page);
        Assert.StartsWith($"# {id}: ", text);
        foreach (var section in new[] { "## Severity", "## What triggers it", "## Why", "## Non-compliant", "## Compliant", "## How to suppress" })
            Assert.Contains(section, text);
        if (Descriptors.All.FirstOrDefault(d => d.Id == id) is { } descriptor)
        {
            Assert.StartsWith($"# {id}: {descriptor.Title}\n", text.ReplaceLineEndings("\n"));
            Assert.Contains(descriptor.DefaultSeverity.ToString(), text);
        }
    }

    [Fact]
    public void Unshipped_release_notes_list_every_descriptor_with_its_category_and_severity()
    {
        var path = Path.Combine(RepositoryRoot(), "analyzers", "Compiled.Analyzers", "AnalyzerReleases.Unshipped.md");
        var rows = File.ReadAllLines(path)
            .Where(l => l.StartsWith("CQ", StringComparison.Ordinal))
            .Select(l => l.Split('|').Select(c => c.Trim()).ToArray())
            .ToDictionary(c => c[0]);
        Assert.Equal(Descriptors.All.Select(d => d.Id).Order(), rows.Keys.Order());
        Assert.All(Descriptors.All, d =>
        {
            Assert.Equal(d.Category, rows[d.Id][1]);
            Assert.Equal(d.DefaultSeverity.ToString(), rows[d.Id][2]);
        });
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Compiled.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No Compiled.sln above {AppContext.BaseDirectory}.");
    }
}
