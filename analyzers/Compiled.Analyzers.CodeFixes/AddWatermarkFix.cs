using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
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
        public static Task<Document> ApplyAsync(Document document, InvocationExpressionSyntax groupBy, MemberAccessExpressionSyntax time, string parameter, CancellationToken cancellationToken)
        {
            var access = (MemberAccessExpressionSyntax)groupBy.Expression;
            return WatermarkInsertion.ApplyAsync(document, access.Expression, parameter, time.WithoutTrivia().ToString(), access.OperatorToken, cancellationToken);
        }
    }
}
