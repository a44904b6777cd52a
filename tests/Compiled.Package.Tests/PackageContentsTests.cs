using System.IO.Compression;
using System.Xml.Linq;

namespace Compiled.Package.Tests;

/// <summary>What <c>dotnet pack src/Compiled</c> puts in the .nupkg.</summary>
[Collection(PackageCollection.Name)]
public sealed class PackageContentsTests(PackageFixture fixture, ITestOutputHelper output)
{
    private const string AnalyzerFolder = "analyzers/dotnet/cs/";

    [Fact]
    public void Package_holds_the_runtime_with_docs_and_exactly_the_generator_and_analyzers()
    {
        output.WriteLine($"dotnet pack took {fixture.PackDuration.TotalSeconds:0.0} s");
        using var package = ZipFile.OpenRead(fixture.PackagePath);
        var entries = package.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("lib/net10.0/Compiled.dll", entries);
        Assert.Contains("lib/net10.0/Compiled.xml", entries);
        Assert.Equal(
            ["Compiled.Analyzers.CodeFixes.dll", "Compiled.Analyzers.dll", "Compiled.Generators.dll"],
            entries.Where(e => e.StartsWith(AnalyzerFolder, StringComparison.Ordinal))
                .Select(e => e[AnalyzerFolder.Length..])
                .Order(StringComparer.Ordinal));
        // Only Compiled's own assemblies: its dependencies come as package dependencies, and Roslyn comes
        // with the compiler that loads the analyzers (a packed Microsoft.CodeAnalysis would clash with it).
        Assert.Equal(
            ["analyzers/dotnet/cs/Compiled.Analyzers.CodeFixes.dll", "analyzers/dotnet/cs/Compiled.Analyzers.dll",
             "analyzers/dotnet/cs/Compiled.Generators.dll", "lib/net10.0/Compiled.dll"],
            entries.Where(e => e.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Package_declares_the_runtime_dependencies_at_the_versions_the_repository_pins()
    {
        using var package = ZipFile.OpenRead(fixture.PackagePath);
        ZipArchiveEntry nuspecEntry = Assert.Single(package.Entries, e => e.FullName == "Compiled.nuspec");
        XDocument nuspec;
        using (Stream stream = nuspecEntry.Open()) nuspec = XDocument.Load(stream);

        XElement group = Assert.Single(nuspec.Descendants(), e => e.Name.LocalName == "group");
        Assert.Equal("net10.0", (string?)group.Attribute("targetFramework"));
        var declared = group.Elements()
            .Select(d => ((string)d.Attribute("id")!, (string)d.Attribute("version")!))
            .Order()
            .ToList();

        string[] expectedIds = ["Microsoft.Extensions.Logging.Abstractions", "Microsoft.FASTER.Core"];
        var pinned = PinnedVersions();
        Assert.Equal(expectedIds.Select(id => (id, pinned[id])).Order().ToList(), declared);

        // FASTER (and System.Interactive.Async / System.Linq.Async below it) reaches the app at run time only.
        XElement faster = Assert.Single(group.Elements(), d => (string?)d.Attribute("id") == "Microsoft.FASTER.Core");
        Assert.Contains("Compile", ((string?)faster.Attribute("exclude") ?? "").Split(','));
        XElement logging = Assert.Single(group.Elements(), d => (string?)d.Attribute("id") == "Microsoft.Extensions.Logging.Abstractions");
        Assert.DoesNotContain("Compile", ((string?)logging.Attribute("exclude") ?? "").Split(','));
    }

    [Fact]
    public void Package_has_a_readme_license_tags_repository_commit_and_a_symbols_package_with_sourcelink()
    {
        using var package = ZipFile.OpenRead(fixture.PackagePath);
        XElement metadata = Nuspec(package).Descendants().Single(e => e.Name.LocalName == "metadata");
        string Field(string name) => (string?)metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name) ?? "";

        Assert.Equal("README.md", Field("readme"));
        ZipArchiveEntry readme = Assert.Single(package.Entries, e => e.FullName == "README.md");
        using (var reader = new StreamReader(readme.Open()))
            Assert.Contains("[StreamingQuery(", reader.ReadToEnd(), StringComparison.Ordinal);
        Assert.Equal("MIT", Field("license"));
        Assert.True(Field("description").Length > 100, Field("description"));
        Assert.Contains("streaming", Field("tags").Split(' '));
        XElement repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");
        Assert.StartsWith("https://github.com/", (string?)repository.Attribute("url"), StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{40}$", (string?)repository.Attribute("commit") ?? "");

        string symbols = Path.ChangeExtension(fixture.PackagePath, ".snupkg");
        using var symbolPackage = ZipFile.OpenRead(symbols);
        ZipArchiveEntry pdb = Assert.Single(symbolPackage.Entries, e => e.FullName == "lib/net10.0/Compiled.pdb");
        // The portable PDB carries SourceLink's JSON map from local paths to the repository's raw files at the commit.
        using var pdbStream = new MemoryStream();
        using (Stream s = pdb.Open()) s.CopyTo(pdbStream);
        string pdbText = System.Text.Encoding.UTF8.GetString(pdbStream.ToArray());
        Assert.Contains("\"documents\"", pdbText, StringComparison.Ordinal);
        Assert.Contains("raw.githubusercontent.com", pdbText, StringComparison.Ordinal);
    }

    private static XDocument Nuspec(ZipArchive package)
    {
        ZipArchiveEntry nuspecEntry = Assert.Single(package.Entries, e => e.FullName == "Compiled.nuspec");
        using Stream stream = nuspecEntry.Open();
        return XDocument.Load(stream);
    }

    /// <summary>The PackageVersion items of the repository's Directory.Packages.props.</summary>
    private Dictionary<string, string> PinnedVersions() =>
        XDocument.Load(Path.Combine(fixture.RepositoryRoot, "Directory.Packages.props"))
            .Descendants("PackageVersion")
            .ToDictionary(e => (string)e.Attribute("Include")!, e => (string)e.Attribute("Version")!, StringComparer.Ordinal);
}
