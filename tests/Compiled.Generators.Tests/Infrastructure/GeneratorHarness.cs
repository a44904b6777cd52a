using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Compiled.Generators.Tests.Infrastructure;

/// <summary>Runs <see cref="QueryGenerator"/> over source text, the way the compiler does, and exposes what it produced.</summary>
internal static class GeneratorHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(() =>
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal)
                || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll" or "Microsoft.Extensions.Logging.Abstractions.dll")
            .Append(typeof(IStream<>).Assembly.Location);
        return paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
    });

    /// <summary>Parse options matching the test project (latest language version the 4.14 compiler knows).</summary>
    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Preview);

    /// <summary>A compilation of <paramref name="sources"/> against the runtime and the BCL, with implicit usings.</summary>
    public static CSharpCompilation Compile(params string[] sources)
    {
        const string Usings = "global using System; global using System.Collections.Generic; global using System.Linq; global using Compiled;";
        var trees = sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: "Query" + i + ".cs"))
            .Append(CSharpSyntaxTree.ParseText(Usings, ParseOptions, path: "Usings.cs"));
        return CSharpCompilation.Create("Tests", trees, s_references.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    /// <summary>A driver that records the tracked pipeline steps.</summary>
    public static GeneratorDriver Driver() => CSharpGeneratorDriver.Create(
        new[] { new QueryGenerator().AsSourceGenerator() },
        parseOptions: ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator over <paramref name="sources"/>.</summary>
    public static GeneratorRun Run(params string[] sources)
    {
        var compilation = Compile(sources);
        var driver = Driver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return new GeneratorRun(driver.GetRunResult().Results.Single(), output, diagnostics);
    }
}

/// <summary>What one generator run produced.</summary>
internal sealed record GeneratorRun(GeneratorRunResult Result, Compilation Output, ImmutableArray<Diagnostic> DriverDiagnostics)
{
    /// <summary>The generated sources, by hint name.</summary>
    public IReadOnlyDictionary<string, string> Sources =>
        Result.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());

    /// <summary>The single generated query source (the JSON row readers of its inputs aside).</summary>
    public string Source => Result.GeneratedSources.Single(s => !IsJsonReader(s.HintName)).SourceText.ToString();

    /// <summary>The generated JSON row readers and notes, by hint name.</summary>
    public IReadOnlyDictionary<string, string> JsonReaders =>
        Result.GeneratedSources.Where(s => IsJsonReader(s.HintName)).ToDictionary(s => s.HintName, s => s.SourceText.ToString());

    /// <summary>True for the file of a row type's JSON reader.</summary>
    public static bool IsJsonReader(string hintName) => hintName.EndsWith(".JsonReader.g.cs", StringComparison.Ordinal);

    /// <summary>Generator diagnostics (CQ000x).</summary>
    public ImmutableArray<Diagnostic> Diagnostics => Result.Diagnostics;

    /// <summary>Compiler errors and warnings in the compilation including generated code.</summary>
    public IReadOnlyList<Diagnostic> CompileProblems =>
        Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();

    /// <summary>Fails with the compiler's messages unless the output compiles cleanly.</summary>
    public GeneratorRun AssertCompiles()
    {
        Assert.Null(Result.Exception);
        Assert.Empty(Diagnostics);
        var problems = CompileProblems;
        Assert.True(problems.Count == 0, string.Join("\n", problems.Select(d => d.ToString()))
            + "\n\n" + string.Join("\n\n", Result.GeneratedSources.Select(s => s.SourceText.ToString())));
        return this;
    }
}
