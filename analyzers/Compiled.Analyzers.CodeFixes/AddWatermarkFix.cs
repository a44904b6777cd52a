using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Compiled.Analyzers.CodeFixes
{
    /// <summary>
    /// Adds <c>.WithWatermark(t =&gt; t.Time, TimeSpan.FromMinutes(10))</c> before a <c>GroupBy</c> whose key holds an
    /// event-time window over <c>t.Time</c>: the window names the event-time member, so the watermark's is known; the
    /// delay (how late rows may arrive) is the user's to tune, and the fix says so in its title.
    /// </summary>
    internal static class AddWatermarkFix
    {
        /// <summary>The fix's title.</summary>
        public const string Title = "Add WithWatermark on the window's event time (delay 10 minutes: adjust to how late rows arrive)";

        /// <summary>The <c>GroupBy</c> call at or around <paramref name="node"/> and its window's time member access, when both exist.</summary>
        public static (InvocationExpressionSyntax GroupBy, MemberAccessExpressionSyntax Time, string Parameter)? Find(SyntaxNode node)
        {
            var groupBy = node.AncestorsAndSelf().OfType<InvocationExpressionSyntax>()
                .FirstOrDefault(i => i.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GroupBy" });
            if (groupBy?.ArgumentList.Arguments.FirstOrDefault()?.Expression is not SimpleLambdaExpressionSyntax lambda) return null;
            string parameter = lambda.Parameter.Identifier.ValueText;
            var window = lambda.Body.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>().FirstOrDefault(i =>
                i.Expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "Window" }, Name.Identifier.ValueText: "Tumbling" or "Sliding" or "Session" });
            if (window?.ArgumentList.Arguments.FirstOrDefault()?.Expression is not MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax receiver } time
                || receiver.Identifier.ValueText != parameter)
            {
                return null;
            }
            return (groupBy, time, parameter);
        }

        /// <summary>Inserts the watermark between the <c>GroupBy</c>'s receiver and the call, keeping the chain's layout.</summary>
        public static async Task<Document> ApplyAsync(Document document, InvocationExpressionSyntax groupBy, MemberAccessExpressionSyntax time, string parameter, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null) return document;
            var access = (MemberAccessExpressionSyntax)groupBy.Expression;
            bool timeSpanInScope = model.LookupNamespacesAndTypes(groupBy.SpanStart, name: "TimeSpan")
                .Any(s => s.ToDisplayString() == "System.TimeSpan");
            string timeSpan = timeSpanInScope ? "TimeSpan" : "System.TimeSpan";
            var arguments = SyntaxFactory.ParseArgumentList(
                "(" + parameter + " => " + time.WithoutTrivia() + ", " + timeSpan + ".FromMinutes(10))");
            var watermark = SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, access.Expression,
                        access.OperatorToken, SyntaxFactory.IdentifierName("WithWatermark")),
                    arguments)
                .WithTrailingTrivia(access.Expression.GetTrailingTrivia());
            return document.WithSyntaxRoot(root.ReplaceNode(access.Expression, watermark));
        }
    }
}
