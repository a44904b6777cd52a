using System.Collections.Generic;
using Compiled.Diagnostics;
using Compiled.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Compiled.Generators.Parsing
{
    /// <summary>Turns each call of the chain into a logical operator (CQ0003 for the ones the compiler lacks).</summary>
    internal sealed partial class ParseSession
    {
        /// <param name="prefix">Starts the names of the generated lambda methods: empty for the main chain, distinct for a join's other side.</param>
        private ImmutableEquatableArray<OperatorSpec>? ParseOperators(SemanticModel model, int source, ITypeSymbol sourceType,
            List<InvocationExpressionSyntax> calls, string prefix = "")
        {
            bool aggregated = false;
            var operators = new List<OperatorSpec>();
            var rowType = Symbols.StreamRowType(sourceType)!;
            for (int i = 0; i < calls.Count; i++)
            {
                var call = calls[i];
                var name = ((MemberAccessExpressionSyntax)call.Expression).Name;
                if (model.GetSymbolInfo(call, _cancellationToken).Symbol is not IMethodSymbol method)
                {
                    Silent();
                    return null;
                }
                if (!Symbols.IsRuntimeType(method.ContainingType, KnownNames.Stream, 1) || method.MethodKind != MethodKind.Ordinary)
                {
                    Report(DiagnosticIds.UnsupportedOperator, name, _queryName, name.Identifier.Text);
                    return null;
                }

                string index = prefix + operators.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
                OperatorSpec? parsed;
                switch (method.Name)
                {
                    case "WithWatermark":
                        parsed = ParseWatermark(model, call, method, rowType, source, "Watermark" + index);
                        break;
                    case "Where":
                        var predicate = Lambda(model, call, "Where" + index, rowType, method.Parameters[0], allowSpan: true);
                        parsed = predicate is null ? null : new FilterSpec(predicate);
                        break;
                    case "Select":
                        parsed = ParseMap(model, call, "Select" + index, rowType, method);
                        rowType = method.TypeArguments[0];
                        break;
                    case "SelectMany":
                        parsed = ParseFlatMap(model, call, "SelectMany" + index, rowType, method);
                        rowType = method.TypeArguments[0];
                        break;
                    case "GroupByRollup" or "GroupByCube" when aggregated:
                        Report(DiagnosticIds.UnsupportedOperator, name, _queryName, method.Name + " after an aggregation");
                        return null;
                    case "GroupBy" or "GroupByRollup" or "GroupByCube":
                        // GroupBy returns IGroupedStream, whose only operator is the result Select.
                        if (i + 1 >= calls.Count
                            || model.GetSymbolInfo(calls[i + 1], _cancellationToken).Symbol is not IMethodSymbol select
                            || !Symbols.IsRuntimeType(select.ContainingType, KnownNames.GroupedStream, 2))
                        {
                            Silent();
                            return null;
                        }
                        if (select.Name is "MapGroupsWithState" or "FlatMapGroupsWithState" or "UpdateStateByKey")
                        {
                            parsed = ParseGroupState(model, call, method, calls[++i], select, rowType, index);
                            rowType = Symbols.StreamRowType(select.ReturnType)!;
                            break;
                        }
                        parsed = ParseAggregate(model, call, method, calls[++i], select, rowType, index);
                        rowType = select.TypeArguments[0];
                        aggregated = true;
                        break;
                    case "OrderBy" or "OrderByDescending":
                        parsed = new SortSpec(method.Name == "OrderByDescending", aggregated);
                        break;
                    case "Take" or "Skip":
                        parsed = new LimitSpec(method.Name == "Skip");
                        break;
                    case "Join" or "SemiJoin" or "AntiJoin":
                        parsed = ParseJoin(model, call, method, rowType, index);
                        rowType = RowTypeAfterJoin(method, rowType);
                        break;
                    case "Union" or "Intersect" or "Except":
                        parsed = ParseSetOperation(model, call, method, index);
                        break;
                    case "Distinct":
                        parsed = ParseDistinct(rowType, operators);
                        break;
                    case "DropDuplicates" or "DropDuplicatesWithinWatermark":
                        parsed = ParseDedup(model, call, method, rowType, index, operators);
                        break;
                    default:
                        Report(DiagnosticIds.UnsupportedOperator, name, _queryName, name.Identifier.Text);
                        return null;
                }
                if (parsed is null) return null;
                Syntax.Set(parsed, SyntaxParts.Call, CallLocation(call));
                operators.Add(parsed);
            }
            return operators.ToEquatableArray();
        }

        /// <summary>A call's span from its method name to its closing parenthesis, not the chain in front of it.</summary>
        private static Location CallLocation(InvocationExpressionSyntax call)
        {
            var name = call.Expression is MemberAccessExpressionSyntax access ? access.Name : (SyntaxNode)call.Expression;
            return Location.Create(call.SyntaxTree, Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(name.SpanStart, call.Span.End));
        }

        private MapSpec? ParseMap(SemanticModel model, InvocationExpressionSyntax call, string name, ITypeSymbol rowType, IMethodSymbol method)
        {
            var resultType = method.TypeArguments[0];
            var selector = Lambda(model, call, name, rowType, method.Parameters[0], allowSpan: false);
            if (selector is null) return null;
            var spanMap = StringMapKind.None;
            if (rowType.SpecialType == SpecialType.System_String && resultType.SpecialType == SpecialType.System_String
                && call.ArgumentList.Arguments[0].Expression is LambdaExpressionSyntax
                {
                    ExpressionBody: InvocationExpressionSyntax
                    {
                        Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax receiver } access,
                        ArgumentList.Arguments.Count: 0,
                    } body,
                } lambda
                && model.GetSymbolInfo(receiver, _cancellationToken).Symbol is IParameterSymbol parameter
                && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, model.GetSymbolInfo(lambda, _cancellationToken).Symbol)
                && model.GetSymbolInfo(body, _cancellationToken).Symbol is IMethodSymbol { IsStatic: false, ContainingType.SpecialType: SpecialType.System_String })
            {
                spanMap = access.Name.Identifier.ValueText switch
                {
                    "ToLowerInvariant" => StringMapKind.LowerInvariant,
                    "ToUpperInvariant" => StringMapKind.UpperInvariant,
                    "Trim" => StringMapKind.Trim,
                    "TrimStart" => StringMapKind.TrimStart,
                    "TrimEnd" => StringMapKind.TrimEnd,
                    _ => StringMapKind.None,
                };
            }
            var copies = MemberLineage.Of(model, call.ArgumentList.Arguments[0].Expression, resultType, _cancellationToken);
            return new MapSpec(selector, TypeSpecBuilder.Build(resultType), spanMap, copies);
        }

        private FlatMapSpec? ParseFlatMap(SemanticModel model, InvocationExpressionSyntax call, string name, ITypeSymbol rowType, IMethodSymbol method)
        {
            var elementType = method.TypeArguments[0];
            // Keep the collection's own type (string[], List<T>) so foreach uses its struct enumerator, not IEnumerable<T>.
            ITypeSymbol collectionType = ((INamedTypeSymbol)method.Parameters[0].Type).TypeArguments[1];
            if (call.ArgumentList.Arguments.Count == 1
                && call.ArgumentList.Arguments[0].Expression is LambdaExpressionSyntax { ExpressionBody: { } body }
                && model.GetTypeInfo(body, _cancellationToken).Type is { } natural && !TypeNames.HasErrors(natural)
                && model.ClassifyConversion(body, collectionType).IsImplicit)
            {
                collectionType = natural;
            }
            var selector = Lambda(model, call, name, rowType, collectionType, allowSpan: false);
            if (selector is null) return null;
            var split = SplitPattern.TryRead(model, call, name, rowType, _cancellationToken);
            return new FlatMapSpec(selector, TypeSpecBuilder.Build(elementType), split);
        }
    }
}
