using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Compiled.Diagnostics;
using Compiled.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Compiled.Generators.Parsing
{
    /// <summary><c>GroupBy(key).Select(g =&gt; ...)</c>: the key, the aggregate calls and the result selector.</summary>
    internal sealed partial class ParseSession
    {
        private AggregateSpec? ParseAggregate(SemanticModel model, InvocationExpressionSyntax groupBy, IMethodSymbol groupByMethod,
            InvocationExpressionSyntax select, IMethodSymbol selectMethod, ITypeSymbol rowType, string index)
        {
            var keyType = groupByMethod.TypeArguments[0];
            var key = Lambda(model, groupBy, "GroupKey" + index, rowType, keyType, allowSpan: false);
            if (key is null) return null;
            var keyArgument = groupBy.ArgumentList.Arguments[0].Expression;
            var window = ParseWindow(model, keyArgument, rowType, index, out bool windowFailed);
            if (windowFailed) return null;
            bool identity = groupBy.ArgumentList.Arguments[0].Expression is LambdaExpressionSyntax { ExpressionBody: IdentifierNameSyntax returned } keyLambda
                && model.GetSymbolInfo(returned, _cancellationToken).Symbol is IParameterSymbol keyParameter
                && SymbolEqualityComparer.Default.Equals(keyParameter.ContainingSymbol, model.GetSymbolInfo(keyLambda, _cancellationToken).Symbol);

            if (select.ArgumentList.Arguments.Count != 1) return Silent<AggregateSpec>();
            var argument = select.ArgumentList.Arguments[0].Expression;
            if (argument is not LambdaExpressionSyntax lambda
                || model.GetSymbolInfo(lambda, _cancellationToken).Symbol is not IMethodSymbol { Parameters.Length: 1 } signature)
            {
                Report(DiagnosticIds.QueryBodyNotAChain, argument, _queryName, "the aggregation 'Select' receives '"
                    + LambdaRewriter.Display(argument) + "'; pass a lambda such as 'g => new Result(g.Key, g.Count())'");
                return null;
            }

            var resultType = selectMethod.TypeArguments[0];
            if (TypeNames.HasErrors(resultType) || TypeNames.HasErrors(keyType)) return Silent<AggregateSpec>();
            var host = new GroupHost(this, model, signature.Parameters[0], rowType, index);
            var helpers = new HelperSet("Result" + index);
            var body = (Microsoft.CodeAnalysis.CSharp.CSharpSyntaxNode?)lambda.ExpressionBody ?? lambda.Block!;
            var (text, rewriter) = LambdaRewriter.Rewrite(model, lambda, body, null, host, helpers, _cancellationToken);
            if (!Accept(rewriter) || host.Failed) return null;

            var keySpec = TypeSpecBuilder.Build(keyType);
            // A key or value the state store cannot hold is CQ1403, an analyzer error.
            if (!keySpec.IsSerializable || host.Calls.Any(c => c.ValueType is { IsSerializable: false })) return Silent<AggregateSpec>();
            bool nullable = model.GetNullableContext(lambda.SpanStart).AnnotationsEnabled();
            var result = new GroupResultSpec(text, lambda.Block is not null, TypeNames.Render(resultType, nullable), nullable,
                helpers.Declarations.ToEquatableArray(), LambdaRewriter.Display(lambda));
            var aggregate = new AggregateSpec(key, keySpec, identity, host.Calls.ToEquatableArray(), result, TypeSpecBuilder.Build(resultType), window);
            Syntax.Set(aggregate, SyntaxParts.Key, keyArgument.GetLocation());
            return aggregate;
        }

        /// <summary>Collects the aggregate calls of one result selector and names the accumulator field each one reads.</summary>
        private sealed class GroupHost : IGroupHost
        {
            private readonly ParseSession _session;
            private readonly SemanticModel _model;
            private readonly ITypeSymbol _rowType;
            private readonly string _index;

            public GroupHost(ParseSession session, SemanticModel model, IParameterSymbol parameter, ITypeSymbol rowType, string index)
            {
                _session = session;
                _model = model;
                Parameter = parameter;
                _rowType = rowType;
                _index = index;
            }

            public IParameterSymbol Parameter { get; }

            public List<AggregateCallSpec> Calls { get; } = new List<AggregateCallSpec>();

            public bool Failed { get; private set; }

            public string? Aggregate(InvocationExpressionSyntax call, IMethodSymbol method)
            {
                int k = Calls.Count;
                string name = "Agg" + _index + "_" + k.ToString(CultureInfo.InvariantCulture);
                string value = GeneratedNames.Accumulator + "." + GeneratedNames.ValueField(k);
                string count = GeneratedNames.Accumulator + "." + GeneratedNames.CountField(k);
                var arguments = call.ArgumentList.Arguments;
                switch (method.Name)
                {
                    case "Count" or "LongCount" when arguments.Count <= 1:
                    {
                        var kind = method.Name == "Count" ? AggregateKind.Count : AggregateKind.LongCount;
                        LambdaSpec? predicate = null;
                        if (arguments.Count == 1)
                        {
                            var boolean = ((INamedTypeSymbol)method.Parameters[0].Type).DelegateInvokeMethod!.ReturnType;
                            predicate = _session.LambdaOf(_model, arguments[0].Expression, name, _rowType, boolean, true, "g." + method.Name);
                            if (predicate is null) return Fail();
                        }
                        Calls.Add(new AggregateCallSpec(kind, predicate, null));
                        return kind == AggregateKind.Count ? "(int)" + value : value;
                    }
                    case "Sum" or "Average" or "Min" or "Max" when arguments.Count == 1:
                    {
                        var valueType = ((INamedTypeSymbol)method.Parameters[0].Type).DelegateInvokeMethod!.ReturnType;
                        var selector = _session.LambdaOf(_model, arguments[0].Expression, name, _rowType, valueType, true, "g." + method.Name);
                        if (selector is null) return Fail();
                        var kind = method.Name switch
                        {
                            "Sum" => AggregateKind.Sum,
                            "Average" => AggregateKind.Average,
                            "Min" => AggregateKind.Min,
                            _ => AggregateKind.Max,
                        };
                        Calls.Add(new AggregateCallSpec(kind, selector, TypeSpecBuilder.Build(valueType)));
                        if (kind != AggregateKind.Average) return value;
                        // Integer averages divide in double, as Enumerable.Average does.
                        bool integral = valueType.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64;
                        return (integral ? "(double)" : string.Empty) + value + " / " + count;
                    }
                    case "CountDistinct":
                        // CQ1303, reported by the analyzers.
                        _session.Silent();
                        return Fail();
                    default:
                        _session.Report(DiagnosticIds.UnsupportedOperator, call, _session._queryName, LambdaRewriter.Display(call));
                        return Fail();
                }
            }

            private string? Fail()
            {
                Failed = true;
                return null;
            }
        }
    }
}
