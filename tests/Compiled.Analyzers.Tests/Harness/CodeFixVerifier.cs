using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Compiled.Analyzers.Tests.Harness;

/// <summary>
/// Applies a code fix in an <see cref="AdhocWorkspace"/> and compares the document before and after.
/// The diagnostics to fix come from an analyzer, or, for ids the generator reports, are created at the
/// spans the markup marks.
/// </summary>
internal static class CodeFixVerifier<TFixer>
    where TFixer : CodeFixProvider, new()
{
    /// <summary>
    /// Runs <paramref name="analyzer"/> on <paramref name="before"/> (which must mark its diagnostics),
    /// applies the first fix offered for the first one and asserts the result is <paramref name="after"/>,
    /// compiles, and no longer has the diagnostic.
    /// </summary>
    public static async Task VerifyAsync(DiagnosticAnalyzer analyzer, string before, string after)
    {
        var id = analyzer.SupportedDiagnostics.Single().Id;
        var (source, expected) = TestMarkup.Parse(before, id);
        var document = CreateDocument(source);
        var diagnostics = await DiagnosticsInDocumentAsync(analyzer, document);
        Assert.Equal(expected.Select(e => e.Span), diagnostics.Select(d => d.Location.SourceSpan));

        var fixedDocument = await ApplyFirstFixAsync(document, diagnostics[0]);
        await AssertTextAsync(after, fixedDocument);
        Assert.Empty(await DiagnosticsInDocumentAsync(analyzer, fixedDocument));
    }

    /// <summary>
    /// Reports <paramref name="descriptor"/> (a generator diagnostic) at the span <paramref name="before"/>
    /// marks, applies the first fix offered and asserts the result is <paramref name="after"/> and compiles.
    /// </summary>
    public static async Task VerifyAsync(DiagnosticDescriptor descriptor, string before, string after)
    {
        var document = CreateDocument(before, descriptor, out var diagnostic);
        var fixedDocument = await ApplyFirstFixAsync(document, diagnostic);
        await AssertTextAsync(after, fixedDocument);
    }

    /// <summary>Asserts that no fix is offered for <paramref name="descriptor"/> at the marked span.</summary>
    public static async Task VerifyNoFixAsync(DiagnosticDescriptor descriptor, string markup)
    {
        var document = CreateDocument(markup, descriptor, out var diagnostic);
        Assert.Empty(await GetActionsAsync(document, diagnostic));
    }

    private static Document CreateDocument(string markup, DiagnosticDescriptor descriptor, out Diagnostic diagnostic)
    {
        var (source, expected) = TestMarkup.Parse(markup, descriptor.Id);
        var document = CreateDocument(source);
        var tree = document.GetSyntaxTreeAsync().GetAwaiter().GetResult()!;
        diagnostic = Diagnostic.Create(descriptor, Location.Create(tree, expected.Single().Span));
        return document;
    }

    private static Document CreateDocument(string source)
    {
        var workspace = new AdhocWorkspace();
        var project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(), VersionStamp.Default, "TestProject", "TestProject", LanguageNames.CSharp,
            compilationOptions: TestCompilation.Options,
            parseOptions: TestCompilation.ParseOptions,
            metadataReferences: TestCompilation.References));
        project = project.AddDocument("Prelude.cs", SourceText.From(TestSources.Prelude)).Project;
        return project.AddDocument(TestCompilation.TestFilePath, SourceText.From(source));
    }

    private static async Task<ImmutableArray<Diagnostic>> DiagnosticsInDocumentAsync(DiagnosticAnalyzer analyzer, Document document)
    {
        var compilation = (await document.Project.GetCompilationAsync())!;
        TestCompilation.AssertCompiles(compilation);
        var tree = await document.GetSyntaxTreeAsync();
        var diagnostics = await AnalyzerRunner.RunAsync(analyzer, compilation);
        return [.. diagnostics.Where(d => d.Location.SourceTree == tree).OrderBy(d => d.Location.SourceSpan.Start)];
    }

    private static async Task<Document> ApplyFirstFixAsync(Document document, Diagnostic diagnostic)
    {
        var actions = await GetActionsAsync(document, diagnostic);
        Assert.NotEmpty(actions);
        var operations = await actions[0].GetOperationsAsync(CancellationToken.None);
        var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        return changed.GetDocument(document.Id)!;
    }

    private static async Task<List<CodeAction>> GetActionsAsync(Document document, Diagnostic diagnostic)
    {
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await new TFixer().RegisterCodeFixesAsync(context);
        return actions;
    }

    private static async Task AssertTextAsync(string expected, Document document)
    {
        var text = (await document.GetTextAsync()).ToString();
        Assert.Equal(expected.ReplaceLineEndings("\n"), text.ReplaceLineEndings("\n"));
        TestCompilation.AssertCompiles((await document.Project.GetCompilationAsync())!);
    }
}
