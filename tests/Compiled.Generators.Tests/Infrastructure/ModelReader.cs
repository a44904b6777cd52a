using Compiled.Generators.Model;
using Compiled.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Compiled.Generators.Tests.Infrastructure;

/// <summary>Runs the shared parser directly, for queries the generator validates but does not emit (yet).</summary>
internal static class ModelReader
{
    /// <summary>Parses the single <c>[StreamingQuery]</c> class of <paramref name="sources"/>.</summary>
    public static ParsedQuery Read(params string[] sources)
    {
        var compilation = GeneratorHarness.Compile(sources);
        var tree = compilation.SyntaxTrees.First();
        var model = compilation.GetSemanticModel(tree);
        var declaration = tree.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>()
            .Single(c => c.AttributeLists.SelectMany(l => l.Attributes).Any(a => a.Name.ToString() == "StreamingQuery"));
        var type = (INamedTypeSymbol)model.GetDeclaredSymbol(declaration)!;
        var attribute = type.GetAttributes().Single(a => a.AttributeClass?.Name == "StreamingQueryAttribute");
        var session = new ParseSession(declaration, type, attribute, model, CancellationToken.None);
        var query = session.Run();
        return new ParsedQuery(query, session.Syntax, session.Diagnostics, tree);
    }
}

/// <summary>What <see cref="ModelReader"/> parsed.</summary>
internal sealed record ParsedQuery(QuerySpec? Query, QuerySyntax Syntax, IReadOnlyList<DiagnosticInfo> Diagnostics, SyntaxTree Tree)
{
    /// <summary>The text at <paramref name="location"/>.</summary>
    public string TextAt(Location? location) => location is null ? "<none>" : Tree.GetText().ToString(location.SourceSpan);
}
