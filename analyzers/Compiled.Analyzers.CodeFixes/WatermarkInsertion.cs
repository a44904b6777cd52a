using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Compiled.Analyzers.CodeFixes
{
    /// <summary>
    /// How every watermark fix writes <c>.WithWatermark(p =&gt; p.Time, TimeSpan.FromMinutes(10))</c> onto an input: the
    /// delay is a placeholder for the user to tune, <c>TimeSpan</c> is qualified only where it is not in scope, and an
    /// input that is not a name or a call chain is parenthesised.
    /// </summary>
    internal static class WatermarkInsertion
    {
        /// <summary>
        /// Replaces <paramref name="input"/> with itself watermarked on <paramref name="timeAccess"/> (a member of
        /// <paramref name="parameter"/>); <paramref name="dot"/>, when given, is the chain's dot token whose trivia keeps a
        /// one-call-per-line layout.
        /// </summary>
        public static async Task<Document> ApplyAsync(Document document, ExpressionSyntax input, string parameter, string timeAccess,
            SyntaxToken? dot, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null) return document;
            bool timeSpanInScope = model.LookupNamespacesAndTypes(input.SpanStart, name: "TimeSpan")
                .Any(s => s.ToDisplayString() == "System.TimeSpan");
            // In a one-call-per-line chain the line break is the receiver's trailing trivia: it stays before the new dot.
            ExpressionSyntax receiver = input is IdentifierNameSyntax or InvocationExpressionSyntax or MemberAccessExpressionSyntax
                ? (dot is null ? input.WithoutTrailingTrivia() : input)
                : SyntaxFactory.ParenthesizedExpression(input.WithoutTrivia()).WithLeadingTrivia(input.GetLeadingTrivia());
            var arguments = SyntaxFactory.ParseArgumentList(
                "(" + parameter + " => " + timeAccess + ", " + (timeSpanInScope ? "TimeSpan" : "System.TimeSpan") + ".FromMinutes(10))");
            var watermarked = SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver,
                        dot ?? SyntaxFactory.Token(SyntaxKind.DotToken), SyntaxFactory.IdentifierName("WithWatermark")),
                    arguments)
                .WithTrailingTrivia(input.GetTrailingTrivia());
            return document.WithSyntaxRoot(root.ReplaceNode(input, watermarked));
        }
    }
}
