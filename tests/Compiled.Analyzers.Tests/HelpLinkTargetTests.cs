using System.Xml.Linq;
using Compiled.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Compiled.Analyzers.Tests;

/// <summary>
/// Every help link a user can click opens a page that exists: the link is the repository's docs folder at
/// this release's tag, and the file it names is in this repository.
/// </summary>
public sealed class HelpLinkTargetTests
{
    /// <summary>The generator's ids (reported by Compiled.Generators with the same <see cref="HelpLinks"/>).</summary>
    private static readonly string[] GeneratorIds =
    [
        DiagnosticIds.QueryClassNotPartial, DiagnosticIds.QueryDefinitionInvalid,
        DiagnosticIds.UnsupportedOperator, DiagnosticIds.QueryBodyNotAChain,
    ];

    [Fact]
    public void Every_help_link_points_at_the_release_tag_and_its_target_file_exists_in_the_repository()
    {
        string root = RepositoryRoot();
        XElement props = XDocument.Load(Path.Combine(root, "Directory.Build.props")).Root!;
        string repositoryUrl = props.Descendants("RepositoryUrl").Single().Value;
        string version = props.Descendants("Version").Single().Value;
        string prefix = $"{repositoryUrl}/blob/v{version}/";

        var links = typeof(Descriptors).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(DiagnosticAnalyzer)) && !t.IsAbstract)
            .SelectMany(t => ((DiagnosticAnalyzer)Activator.CreateInstance(t)!).SupportedDiagnostics)
            .Select(d => (d.Id, Link: d.HelpLinkUri))
            .Concat(GeneratorIds.Select(id => (Id: id, Link: HelpLinks.For(id))))
            .Distinct()
            .ToList();

        Assert.True(links.Count >= 12, $"only {links.Count} help links found");
        Assert.All(links, link =>
        {
            Assert.StartsWith(prefix, link.Link, StringComparison.Ordinal);
            string relative = link.Link[prefix.Length..];
            Assert.Equal($"docs/diagnostics/{link.Id}.md", relative);
            string file = Path.Combine(root, relative);
            Assert.True(File.Exists(file), $"{link.Id}'s help link {link.Link} names {file}, which does not exist");
            Assert.StartsWith($"# {link.Id}: ", File.ReadAllText(file), StringComparison.Ordinal);
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
