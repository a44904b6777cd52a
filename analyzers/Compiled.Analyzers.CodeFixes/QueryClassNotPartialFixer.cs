using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Compiled.Analyzers.Queries;
using Compiled.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Compiled.Analyzers.CodeFixes
{
    /// <summary>
    /// CQ0001 (reported by the generator): makes a <c>[StreamingQuery]</c> class and every type that
    /// contains it <c>partial</c>, so that the generator can add <c>Start</c> and the compiled operators.
    /// A generic query class (the other cause of CQ0001) gets no fix.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(QueryClassNotPartialFixer)), Shared]
    public sealed class QueryClassNotPartialFixer : CodeFixProvider
    {
        private const string EquivalenceKey = "MakeQueryClassPartial";

        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(DiagnosticIds.QueryClassNotPartial);

        /// <inheritdoc/>
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc/>
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null) return;
            foreach (var diagnostic in context.Diagnostics)
            {
                var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                var declarations = NonPartialDeclarations(node, model, context.CancellationToken);
                if (declarations.Count == 0) continue;
                var title = declarations.Count == 1
                    ? $"Make '{declarations[0].Identifier.ValueText}' partial"
                    : $"Make '{declarations[0].Identifier.ValueText}' and its containing types partial";
                context.RegisterCodeFix(
                    CodeAction.Create(title, ct => MakePartialAsync(context.Document, declarations, ct), EquivalenceKey),
                    diagnostic);
            }
        }

        /// <summary>
        /// The query class the diagnostic points into (or, when it points at a containing type, the
        /// query classes inside it) and its containing types, innermost first, that are not partial yet.
        /// </summary>
        private static List<TypeDeclarationSyntax> NonPartialDeclarations(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
        {
            var result = new List<TypeDeclarationSyntax>();
            if (node.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().FirstOrDefault() is not { } type) return result;
            var queries = IsQueryClass(type, model, cancellationToken)
                ? new[] { type }
                : type.DescendantNodes().OfType<ClassDeclarationSyntax>().Where(c => IsQueryClass(c, model, cancellationToken)).ToArray<TypeDeclarationSyntax>();
            foreach (var query in queries)
            {
                foreach (var declaration in query.AncestorsAndSelf().OfType<TypeDeclarationSyntax>())
                {
                    if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword) && !result.Contains(declaration))
                        result.Add(declaration);
                }
            }
            return result;
        }

        private static bool IsQueryClass(TypeDeclarationSyntax declaration, SemanticModel model, CancellationToken cancellationToken)
        {
            if (model.GetDeclaredSymbol(declaration, cancellationToken) is not { } symbol) return false;
            return symbol.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == KnownNames.StreamingQueryAttribute);
        }

        private static async Task<Document> MakePartialAsync(Document document, List<TypeDeclarationSyntax> declarations, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null) return document;
            return document.WithSyntaxRoot(root.ReplaceNodes(declarations, static (_, rewritten) => WithPartial(rewritten)));
        }

        /// <summary>Adds <c>partial</c> as the last modifier: C# wants it right before <c>class</c>/<c>struct</c>/<c>record</c>.</summary>
        private static TypeDeclarationSyntax WithPartial(TypeDeclarationSyntax declaration)
        {
            var partial = SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space);
            if (declaration.Modifiers.Count == 0)
            {
                // The keyword carries the line's indentation; the new first token takes it over.
                partial = partial.WithLeadingTrivia(declaration.Keyword.LeadingTrivia);
                declaration = declaration.WithKeyword(declaration.Keyword.WithLeadingTrivia());
            }
            return declaration.WithModifiers(declaration.Modifiers.Add(partial));
        }
    }
}
