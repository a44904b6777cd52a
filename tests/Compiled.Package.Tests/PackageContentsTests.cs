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
    }

    /// <summary>The PackageVersion items of the repository's Directory.Packages.props.</summary>
    private Dictionary<string, string> PinnedVersions() =>
        XDocument.Load(Path.Combine(fixture.RepositoryRoot, "Directory.Packages.props"))
            .Descendants("PackageVersion")
            .ToDictionary(e => (string)e.Attribute("Include")!, e => (string)e.Attribute("Version")!, StringComparer.Ordinal);
}
