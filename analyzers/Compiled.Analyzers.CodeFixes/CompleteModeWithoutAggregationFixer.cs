using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Compiled.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace Compiled.Analyzers.CodeFixes
{
    /// <summary>
    /// CQ1001: switches <c>[StreamingQuery(OutputMode.Complete)]</c> to <c>OutputMode.Update</c>, which for a
    /// query without aggregation writes each row once (Spark: Update without aggregation behaves as Append).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CompleteModeWithoutAggregationFixer)), Shared]
    public sealed class CompleteModeWithoutAggregationFixer : CodeFixProvider
    {
        private const string Title = "Switch to OutputMode.Update";
        private const string UpdateMember = "Update";

        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(DiagnosticIds.CompleteModeWithoutAggregation);

        /// <inheritdoc/>
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc/>
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (var diagnostic in context.Diagnostics)
            {
                // The analyzer reports on the mode argument itself; anything else (the attribute or the
                // class, when the argument could not be found) has nothing to rewrite.
                if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax mode
                    || mode.Parent is not AttributeArgumentSyntax)
                    continue;
                context.RegisterCodeFix(
                    CodeAction.Create(Title, ct => SwitchToUpdateAsync(context.Document, mode, ct), equivalenceKey: Title),
                    diagnostic);
            }
        }

        /// <summary>Replaces the attribute's mode argument <paramref name="mode"/> with <c>OutputMode.Update</c>.</summary>
        internal static async Task<Document> SwitchToUpdateAsync(Document document, ExpressionSyntax mode, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null) return document;
            // Keep the user's qualification (OutputMode.Complete, Compiled.OutputMode.Complete) when there is one.
            ExpressionSyntax update = mode is MemberAccessExpressionSyntax member
                ? member.WithName(SyntaxFactory.IdentifierName(UpdateMember).WithTriviaFrom(member.Name))
                : SyntaxFactory.ParseExpression("global::Compiled.OutputMode.Update")
                    .WithTriviaFrom(mode)
                    .WithAdditionalAnnotations(Simplifier.Annotation);
            return document.WithSyntaxRoot(root.ReplaceNode(mode, update));
        }
    }
}
