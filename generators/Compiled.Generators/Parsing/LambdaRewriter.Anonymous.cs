using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Compiled.Generators.Parsing
{
    /// <summary>
    /// Anonymous types become value tuples in generated code. That is invisible while the code only reads their members,
    /// but a whole anonymous value would print, compare with == and box differently; those uses are reported.
    /// </summary>
    internal sealed partial class LambdaRewriter
    {
        public override SyntaxNode? Visit(SyntaxNode? node)
        {
            if (node is ExpressionSyntax expression && node is not IdentifierNameSyntax { IsVar: true }
                && _model.GetTypeInfo(expression, _cancellationToken).Type is INamedTypeSymbol { IsAnonymousType: true }
                && !IsMemberOnlyUse(expression))
            {
                AddProblem(RewriteProblemKind.Unsupported, node, Display(node) + " as a whole anonymous-type value (use a tuple or a record)");
                return node;
            }
            return base.Visit(node);
        }

        /// <summary>True where an anonymous value is only built, returned or read member by member.</summary>
        private bool IsMemberOnlyUse(ExpressionSyntax expression)
        {
            SyntaxNode? parent = expression.Parent;
            while (parent is ParenthesizedExpressionSyntax) parent = parent.Parent;
            switch (parent)
            {
                case MemberAccessExpressionSyntax access when access.Expression.Span.Contains(expression.Span):
                    return _model.GetSymbolInfo(access, _cancellationToken).Symbol is IPropertySymbol { ContainingType.IsAnonymousType: true };
                case LambdaExpressionSyntax:
                case ArrowExpressionClauseSyntax:
                case ReturnStatementSyntax:
                case AnonymousObjectMemberDeclaratorSyntax:
                case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax }:
                    return true;
                default:
                    return false;
            }
        }
    }
}
