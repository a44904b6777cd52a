using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Compiled.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Compiled.Analyzers.CodeFixes
{
    /// <summary>
    /// CQ1201: adds the missing <c>WithWatermark</c> to the input an outer or semi stream-stream join needs one on (the
    /// right input, or the left for a right outer join), reading the row's first <c>DateTime</c> or <c>DateTimeOffset</c>
    /// member with a 10-minute delay for the user to adjust. Offered only when that input has no watermark yet.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(OuterJoinWithoutWatermarkFixer)), Shared]
    public sealed class OuterJoinWithoutWatermarkFixer : CodeFixProvider
    {
        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.OuterJoinWithoutWatermark);

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
                var call = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).AncestorsAndSelf()
                    .OfType<InvocationExpressionSyntax>().FirstOrDefault(i => i.Expression is MemberAccessExpressionSyntax);
                if (call is null || call.ArgumentList.Arguments.Count == 0) continue;
                bool rightOuter = call.ArgumentList.Arguments.Any(a => a.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "RightOuter" });
                var input = rightOuter ? ((MemberAccessExpressionSyntax)call.Expression).Expression : call.ArgumentList.Arguments[0].Expression;
                if (HasWatermark(input) || TimeMember(model, input, context.CancellationToken) is not { } member) continue;
                string title = "Add WithWatermark(" + member + ") to the " + (rightOuter ? "left" : "right") + " input";
                context.RegisterCodeFix(
                    CodeAction.Create(title, ct => WatermarkInsertion.ApplyAsync(context.Document, input, "row", "row." + member, dot: null, ct), equivalenceKey: title),
                    diagnostic);
            }
        }

        private static bool HasWatermark(ExpressionSyntax input) =>
            input.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>()
                .Any(i => i.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "WithWatermark" });

        /// <summary>The first <c>DateTime</c> or <c>DateTimeOffset</c> property or field of the input's row type.</summary>
        private static string? TimeMember(SemanticModel model, ExpressionSyntax input, CancellationToken cancellationToken)
        {
            if (model.GetTypeInfo(input, cancellationToken).Type is not INamedTypeSymbol { Name: "IStream", TypeArguments.Length: 1 } stream) return null;
            foreach (var member in stream.TypeArguments[0].GetMembers())
            {
                var type = member switch
                {
                    IPropertySymbol { IsStatic: false, DeclaredAccessibility: Accessibility.Public } property => property.Type,
                    IFieldSymbol { IsStatic: false, DeclaredAccessibility: Accessibility.Public, IsImplicitlyDeclared: false } field => field.Type,
                    _ => null,
                };
                if (type is { SpecialType: SpecialType.System_DateTime } or { Name: "DateTimeOffset", ContainingNamespace.Name: "System" }) return member.Name;
            }
            return null;
        }
    }
}
