using System.Linq;
using Compiled.Diagnostics;
using Compiled.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Compiled.Generators.Parsing
{
    /// <summary>
    /// Reads <c>GroupBy(key).MapGroupsWithState(timeout, f)</c>, <c>.FlatMapGroupsWithState(mode, timeout, f)</c> and
    /// <c>.UpdateStateByKey(f)</c>, the last lowered onto the keyed-state operator without a timeout.
    /// </summary>
    internal sealed partial class ParseSession
    {
        private GroupStateSpec? ParseGroupState(SemanticModel model, InvocationExpressionSyntax groupBy, IMethodSymbol groupByMethod,
            InvocationExpressionSyntax call, IMethodSymbol method, ITypeSymbol rowType, string index)
        {
            var keyType = groupByMethod.TypeArguments[0];
            var key = Lambda(model, groupBy, "GroupKey" + index, rowType, keyType, allowSpan: false);
            if (key is null) return null;
            if (model.GetOperation(call, _cancellationToken) is not IInvocationOperation operation) return Silent<GroupStateSpec>();
            var stateType = method.TypeArguments[0];
            var resultType = Symbols.StreamRowType(method.ReturnType)!;
            bool updateByKey = method.Name == "UpdateStateByKey";
            if (TypeNames.HasErrors(stateType) || TypeNames.HasErrors(resultType)) return Silent<GroupStateSpec>();

            int timeout = 0, mode = OutputModes.Update;
            ExpressionSyntax? function = null;
            foreach (var argument in operation.Arguments)
            {
                switch (argument.Parameter?.Name)
                {
                    case "timeout" or "operatorMode":
                        if (argument.Value.ConstantValue is not { HasValue: true, Value: int value })
                        {
                            Report(DiagnosticIds.UnsupportedOperator, argument.Syntax, _queryName,
                                method.Name + " with a " + argument.Parameter.Name + " that is not a constant; write it as 'GroupStateTimeout.…' or 'OutputMode.…'");
                            return null;
                        }
                        if (argument.Parameter.Name == "timeout") timeout = value;
                        else mode = value;
                        break;
                    case "function" or "update":
                        function = (argument.Syntax as ArgumentSyntax)?.Expression ?? argument.Syntax as ExpressionSyntax;
                        break;
                }
            }
            if (function is null) return Silent<GroupStateSpec>();
            var signature = ((INamedTypeSymbol)method.Parameters[method.Parameters.Length - 1].Type).DelegateInvokeMethod!;
            var spec = GroupFunction(model, function, method.Name + index, signature);
            if (spec is null) return null;
            var state = new GroupStateSpec(method.Name == "FlatMapGroupsWithState", key, TypeSpecBuilder.Build(keyType), TypeSpecBuilder.Build(rowType),
                TypeSpecBuilder.Build(stateType), TypeSpecBuilder.Build(resultType), timeout, mode, spec, updateByKey);
            Syntax.Set(state, SyntaxParts.GroupCall, CallLocation(call));
            return state;
        }

        /// <summary>
        /// The function as a lambda or a static method group with the delegate's parameters (three for the GroupState
        /// operators, two for UpdateStateByKey), with the delegate's parameter and return types.
        /// </summary>
        private GroupFunctionSpec? GroupFunction(SemanticModel model, ExpressionSyntax argument, string name, IMethodSymbol signature)
        {
            if (signature.Parameters.Any(p => TypeNames.HasErrors(p.Type)) || TypeNames.HasErrors(signature.ReturnType)) return Silent<GroupFunctionSpec>();
            bool nullable = model.GetNullableContext(argument.SpanStart).AnnotationsEnabled();
            string returnType = TypeNames.Render(signature.ReturnType, nullable);
            var helpers = new HelperSet(name);
            if (argument is ParenthesizedLambdaExpressionSyntax lambda
                && model.GetSymbolInfo(lambda, _cancellationToken).Symbol is IMethodSymbol lambdaMethod
                && lambdaMethod.Parameters.Length == signature.Parameters.Length)
            {
                if (lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword))
                {
                    Report(DiagnosticIds.QueryBodyNotAChain, lambda, _queryName,
                        "the lambda '" + LambdaRewriter.Display(lambda) + "' is async; query lambdas must be synchronous");
                    return null;
                }
                var body = (CSharpSyntaxNode?)lambda.ExpressionBody ?? lambda.Block!;
                var (text, rewriter) = LambdaRewriter.Rewrite(model, lambda, body, null, null, helpers, _cancellationToken);
                if (!Accept(rewriter)) return null;
                var parameters = lambda.ParameterList.Parameters
                    .Select((p, i) => TypeNames.Render(signature.Parameters[i].Type, nullable) + " " + p.Identifier.Text);
                return new GroupFunctionSpec(name, parameters.ToEquatableArray(), returnType, text, body is BlockSyntax, nullable,
                    helpers.Declarations.ToEquatableArray(), LambdaRewriter.Display(lambda));
            }
            var symbolInfo = model.GetSymbolInfo(argument, _cancellationToken);
            var group = symbolInfo.Symbol ?? (symbolInfo.CandidateSymbols.Length == 1 ? symbolInfo.CandidateSymbols[0] : null);
            var names = signature.Parameters.Length == 2 ? new[] { "values", "running" } : new[] { "key", "rows", "state" };
            if (group is IMethodSymbol { IsStatic: true, MethodKind: MethodKind.Ordinary } target && target.Parameters.Length == names.Length)
            {
                var parameters = names.Select((p, i) => TypeNames.Render(signature.Parameters[i].Type, nullable) + " " + p);
                string call = TypeNames.Render(target.ContainingType, annotate: false) + "." + target.Name + "(" + string.Join(", ", names) + ")";
                return new GroupFunctionSpec(name, parameters.ToEquatableArray(), returnType, call, false, nullable,
                    ImmutableEquatableArray<string>.Empty, LambdaRewriter.Display(argument));
            }
            if (group is null && symbolInfo.CandidateReason != CandidateReason.None) return Silent<GroupFunctionSpec>();
            Report(DiagnosticIds.QueryBodyNotAChain, argument, _queryName, "the keyed-state function receives '"
                + LambdaRewriter.Display(argument) + "'; pass a lambda such as '(" + string.Join(", ", names) + ") => ...' or a static method");
            return null;
        }
    }
}
