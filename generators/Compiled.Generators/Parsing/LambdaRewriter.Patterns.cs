using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Compiled.Generators.Parsing
{
    /// <summary>Known BCL patterns rewritten into allocation-free code.</summary>
    internal sealed partial class LambdaRewriter
    {
        private const string CharVariable = "__c";

        /// <summary><c>string.IsNullOrEmpty(w)</c> and <c>string.IsNullOrWhiteSpace(w)</c> on the span parameter.</summary>
        private bool TrySpanStringCall(InvocationExpressionSyntax node, IMethodSymbol method, out SyntaxNode result)
        {
            result = node;
            if (_spanParameter is null || !method.IsStatic || method.ContainingType.SpecialType != SpecialType.System_String
                || node.ArgumentList.Arguments.Count != 1
                || !IsParameter(node.ArgumentList.Arguments[0].Expression, _spanParameter)) return false;
            string name = _spanParameter.Name;
            switch (method.Name)
            {
                case "IsNullOrEmpty":
                    result = Expression(node, "(" + name + ".IsEmpty)");
                    return true;
                case "IsNullOrWhiteSpace":
                    result = Expression(node, KnownNames.MemoryExtensionsG + ".IsWhiteSpace(" + name + ")");
                    return true;
                default:
                    return false;
            }
        }

        /// <summary><c>w == "literal"</c> on the span parameter: an ordinal comparison, as string equality is.</summary>
        private bool TrySpanEquality(BinaryExpressionSyntax node, out SyntaxNode result)
        {
            result = node;
            if (_spanParameter is null || !(node.IsKind(SyntaxKind.EqualsExpression) || node.IsKind(SyntaxKind.NotEqualsExpression)))
                return false;
            ExpressionSyntax? other = IsParameter(node.Left, _spanParameter) ? node.Right
                : IsParameter(node.Right, _spanParameter) ? node.Left : null;
            if (other is null) return false;
            if (SymbolOf(node) is not IMethodSymbol { ContainingType.SpecialType: SpecialType.System_String }
                || _model.GetConstantValue(other, _cancellationToken) is not { HasValue: true, Value: string literal })
            {
                SpanFailed = true;
                return true;
            }
            string test = KnownNames.MemoryExtensionsG + ".SequenceEqual(" + _spanParameter.Name + ", "
                + SymbolDisplay.FormatLiteral(literal, quote: true) + ")";
            result = Expression(node, node.IsKind(SyntaxKind.EqualsExpression) ? test : "!" + test);
            return true;
        }

        /// <summary>
        /// <c>s.Any(pred)</c> / <c>s.All(pred)</c> over a string: LINQ would box the string's enumerator per row,
        /// so emit a helper that loops over the span instead.
        /// </summary>
        private bool TryCharPredicate(InvocationExpressionSyntax node, IMethodSymbol method, out SyntaxNode result)
        {
            result = node;
            if (method.Name is not ("Any" or "All") || !Symbols.IsEnumerableMethod(method)) return false;
            var arguments = node.ArgumentList.Arguments;
            ExpressionSyntax receiver, predicate;
            if (method.MethodKind == MethodKind.ReducedExtension && node.Expression is MemberAccessExpressionSyntax access
                && arguments.Count == 1)
            {
                receiver = access.Expression;
                predicate = arguments[0].Expression;
            }
            else if (method.MethodKind == MethodKind.Ordinary && arguments.Count == 2)
            {
                receiver = arguments[0].Expression;
                predicate = arguments[1].Expression;
            }
            else
            {
                return false;
            }
            if (_model.GetTypeInfo(receiver, _cancellationToken).Type?.SpecialType != SpecialType.System_String) return false;
            if (!TryCharTest(predicate, out string variable, out string test)) return false;

            bool any = method.Name == "Any";
            string template =
                "private static bool " + HelperSet.NameToken + "(" + KnownNames.CharSpanG + " __s)\n" +
                "{\n" +
                "    foreach (char " + variable + " in __s)\n" +
                "    {\n" +
                "        if (" + (any ? test : "!(" + test + ")") + ") return " + (any ? "true" : "false") + ";\n" +
                "    }\n" +
                "    return " + (any ? "false" : "true") + ";\n" +
                "}";
            string helper = _helpers.GetOrAdd(template, method.Name);
            string argument = _spanParameter is not null && IsParameter(receiver, _spanParameter)
                ? _spanParameter.Name
                : Visit(receiver)!.ToString();
            result = Expression(node, helper + "(" + argument + ")");
            return true;
        }

        /// <summary>The condition a char predicate tests, for a capture-free lambda or a static method group.</summary>
        private bool TryCharTest(ExpressionSyntax predicate, out string variable, out string test)
        {
            variable = CharVariable;
            test = string.Empty;
            if (predicate is LambdaExpressionSyntax { ExpressionBody: { } body } lambda
                && _model.GetSymbolInfo(lambda, _cancellationToken).Symbol is IMethodSymbol { Parameters.Length: 1 } signature)
            {
                var (text, nested) = Rewrite(_model, lambda, body, null, null, _helpers, _cancellationToken);
                if (nested.Problems.Count > 0) return false;
                variable = signature.Parameters[0].Name;
                test = text;
                return true;
            }
            if (SymbolOf(predicate) is IMethodSymbol { IsStatic: true, MethodKind: MethodKind.Ordinary, Parameters.Length: 1 } group
                && group.Parameters[0].Type.SpecialType == SpecialType.System_Char)
            {
                test = TypeNames.Render(group.ContainingType, annotate: false) + "." + group.Name + "(" + CharVariable + ")";
                return true;
            }
            return false;
        }
    }
}
