using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Compiled.Analyzers.Tests.Harness;

/// <summary>
/// Builds compilations of test sources against the running framework's assemblies and Compiled.dll
/// (no reference-assembly packages are available, so the trusted platform assemblies serve).
/// </summary>
internal static class TestCompilation
{
    /// <summary>The path of the test's own source file; diagnostics elsewhere are unexpected.</summary>
    public const string TestFilePath = "Test.cs";

    /// <summary>Parse options of every test source: the latest C#.</summary>
    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    /// <summary>Compilation options of every test project: a nullable-enabled library that may use pointers.</summary>
    public static CSharpCompilationOptions Options { get; } =
        new(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true);

    /// <summary>The framework assemblies, Compiled.dll and its dependencies; created once for all tests.</summary>
    public static ImmutableArray<MetadataReference> References { get; } = LoadReferences();

    /// <summary>A compilation of <paramref name="sources"/> (the first is the test's own file) plus the prelude.</summary>
    public static CSharpCompilation Create(params string[] sources)
    {
        var trees = sources.Select((text, i) => CSharpSyntaxTree.ParseText(text, ParseOptions, path: i == 0 ? TestFilePath : $"Extra{i}.cs"))
            .Append(CSharpSyntaxTree.ParseText(TestSources.Prelude, ParseOptions, path: "Prelude.cs"));
        return CSharpCompilation.Create("TestProject", trees, References, Options);
    }

    /// <summary>Fails the test when the test source itself does not compile: a typo must not pass as "no diagnostic".</summary>
    public static void AssertCompiles(Compilation compilation)
    {
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.True(errors.Length == 0, "The test source does not compile:\n" + string.Join("\n", errors.Select(e => e.ToString())));
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var compiled = typeof(IStream<>).Assembly.Location;
        var paths = trusted
            .Where(p => Path.GetDirectoryName(p) == frameworkDirectory
                || Path.GetFileName(p).StartsWith("Microsoft.Extensions.Logging.Abstractions", StringComparison.Ordinal))
            .Append(compiled)
            .Distinct(StringComparer.Ordinal);
        return paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
    }
}
