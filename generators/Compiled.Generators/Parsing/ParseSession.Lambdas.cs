using System.Linq;
using Compiled.Diagnostics;
using Compiled.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Compiled.Generators.Parsing
{
    /// <summary>Copies operator arguments (lambdas or static method groups) into <see cref="LambdaSpec"/>s.</summary>
    internal sealed partial class ParseSession
    {
        private const string MethodGroupParameter = "row";

        /// <summary>The lambda passed to <paramref name="call"/>, returning what <paramref name="delegateParameter"/>'s delegate returns.</summary>
        private LambdaSpec? Lambda(SemanticModel model, InvocationExpressionSyntax call, string name, ITypeSymbol rowType,
            IParameterSymbol delegateParameter, bool allowSpan)
        {
            var returnType = (delegateParameter.Type as INamedTypeSymbol)?.DelegateInvokeMethod?.ReturnType;
            if (returnType is null)
            {
                Silent();
                return null;
            }
            return Lambda(model, call, name, rowType, returnType, allowSpan);
        }

        private LambdaSpec? Lambda(SemanticModel model, InvocationExpressionSyntax call, string name, ITypeSymbol rowType,
            ITypeSymbol returnType, bool allowSpan)
        {
            if (call.ArgumentList.Arguments.Count != 1)
            {
                Silent();
                return null;
            }
            return LambdaOf(model, call.ArgumentList.Arguments[0].Expression, name, rowType, returnType, allowSpan,
                ((MemberAccessExpressionSyntax)call.Expression).Name.Identifier.Text);
        }

        /// <summary>Reads <paramref name="argument"/> as a one-parameter lambda or a static method group.</summary>
        internal LambdaSpec? LambdaOf(SemanticModel model, ExpressionSyntax argument, string name, ITypeSymbol rowType,
            ITypeSymbol returnType, bool allowSpan, string operatorName)
        {
            if (TypeNames.HasErrors(rowType) || TypeNames.HasErrors(returnType))
            {
                Silent();
                return null;
            }
            bool nullable = model.GetNullableContext(argument.SpanStart).AnnotationsEnabled();
            string parameterType = TypeNames.Render(rowType, nullable);
            string returnTypeText = TypeNames.Render(returnType, nullable);
            bool largeStruct = rowType.IsValueType && rowType.SpecialType == SpecialType.None && rowType.TypeKind != TypeKind.Enum;
            var helpers = new HelperSet(name);

            if (argument is LambdaExpressionSyntax lambda
                && model.GetSymbolInfo(lambda, _cancellationToken).Symbol is IMethodSymbol { Parameters.Length: 1 } signature)
            {
                if (lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword))
                {
                    Report(DiagnosticIds.QueryBodyNotAChain, lambda, _queryName,
                        "the lambda '" + LambdaRewriter.Display(lambda) + "' is async; query lambdas must be synchronous");
                    return null;
                }
                var body = (CSharpSyntaxNode?)lambda.ExpressionBody ?? lambda.Block!;
                return FromLambda(model, lambda, signature, body, name, rowType, returnType, allowSpan, helpers);
            }

            var symbolInfo = model.GetSymbolInfo(argument, _cancellationToken);
            var group = symbolInfo.Symbol ?? (symbolInfo.CandidateSymbols.Length == 1 ? symbolInfo.CandidateSymbols[0] : null);
            if (group is IMethodSymbol { IsStatic: true, MethodKind: MethodKind.Ordinary, Parameters.Length: 1 } method)
            {
                string call = TypeNames.Render(method.ContainingType, annotate: false) + "." + method.Name + "(" + MethodGroupParameter + ")";
                return new LambdaSpec(name, MethodGroupParameter, parameterType, largeStruct, returnTypeText, call, false, nullable,
                    null, false, ImmutableEquatableArray<string>.Empty, LambdaRewriter.Display(argument));
            }
            if (group is null && symbolInfo.CandidateReason != CandidateReason.None)
            {
                Silent();
                return null;
            }
            Report(DiagnosticIds.QueryBodyNotAChain, argument, _queryName, "'" + operatorName + "' receives '"
                + LambdaRewriter.Display(argument) + "'; pass a lambda such as 'x => ...' or a static method");
            return null;
        }

        /// <summary>
        /// <paramref name="body"/>, the whole body of <paramref name="lambda"/> or one expression inside it (a window's
        /// time argument), as a lambda over the same parameter.
        /// </summary>
        private LambdaSpec? FromLambda(SemanticModel model, LambdaExpressionSyntax lambda, IMethodSymbol signature, CSharpSyntaxNode body,
            string name, ITypeSymbol rowType, ITypeSymbol returnType, bool allowSpan, HelperSet helpers)
        {
            bool nullable = model.GetNullableContext(body.SpanStart).AnnotationsEnabled();
            bool whole = body == (CSharpSyntaxNode?)lambda.ExpressionBody || body == lambda.Block;
            var parameterToken = lambda switch
            {
                SimpleLambdaExpressionSyntax simple => simple.Parameter.Identifier,
                ParenthesizedLambdaExpressionSyntax parenthesized => parenthesized.ParameterList.Parameters[0].Identifier,
                _ => default,
            };
            // An 'in' parameter cannot be captured by a nested lambda (CS1628): pass by value then.
            bool largeStruct = rowType.IsValueType && rowType.SpecialType == SpecialType.None && rowType.TypeKind != TypeKind.Enum
                && !body.DescendantNodesAndSelf().Any(n => n is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or QueryExpressionSyntax);
            var (text, rewriter) = LambdaRewriter.Rewrite(model, lambda, body, null, null, helpers, _cancellationToken);
            if (!Accept(rewriter)) return null;
            string? spanBody = null;
            if (allowSpan && rowType.SpecialType == SpecialType.System_String && lambda.ExpressionBody is not null)
            {
                var (spanText, spanRewriter) = LambdaRewriter.Rewrite(model, lambda, body, signature.Parameters[0], null, helpers, _cancellationToken);
                if (!spanRewriter.SpanFailed && spanRewriter.Problems.Count == 0) spanBody = spanText;
            }
            // Only filters and maps speculate, and they always pass whole lambdas.
            bool canSpeculate = whole && Speculation.IsSafe(model, lambda, _cancellationToken);
            string display = whole ? LambdaRewriter.Display(lambda) : parameterToken.Text + " => " + LambdaRewriter.Display(body);
            return new LambdaSpec(name, parameterToken.Text, TypeNames.Render(rowType, nullable), largeStruct, TypeNames.Render(returnType, nullable),
                text, body is BlockSyntax, nullable, spanBody, canSpeculate, helpers.Declarations.ToEquatableArray(), display);
        }

        /// <summary>Reports a rewriter's problems; true when there were none.</summary>
        private bool Accept(LambdaRewriter rewriter)
        {
            foreach (var problem in rewriter.Problems)
            {
                switch (problem.Kind)
                {
                    case RewriteProblemKind.Unsupported:
                        Report(DiagnosticIds.UnsupportedOperator, problem.Node, _queryName, problem.Text);
                        break;
                    case RewriteProblemKind.OuterReference:
                        Report(DiagnosticIds.QueryBodyNotAChain, problem.Node, _queryName, "a query lambda uses '" + problem.Text
                            + "' from outside the lambda; lambdas may read only their own parameter, constants and static members");
                        break;
                    default:
                        Silent();
                        break;
                }
            }
            return rewriter.Problems.Count == 0;
        }
    }
}
