using System.Collections.Generic;
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
    /// Joins (<c>Join</c>, <c>SemiJoin</c>, <c>AntiJoin</c> with a stream or a static table), the set operations, and the
    /// event-time range a stream-stream join's condition bounds its state with.
    /// </summary>
    internal sealed partial class ParseSession
    {
        private const string StaticTableName = "StaticTable";

        /// <summary>True for <c>StaticTable&lt;T&gt;</c>.</summary>
        internal static bool IsStaticTable(ITypeSymbol? type) => Symbols.IsRuntimeType(type, StaticTableName, 1);

        /// <summary>The row type of a <c>StaticTable&lt;T&gt;</c>, or null.</summary>
        internal static ITypeSymbol? TableRowType(ITypeSymbol? type) =>
            IsStaticTable(type) ? ((INamedTypeSymbol)type!).TypeArguments[0] : null;

        /// <summary>The input slot of a stream parameter: its position among the stream parameters.</summary>
        private static int InputIndex(IParameterSymbol parameter) =>
            ((IMethodSymbol)parameter.ContainingSymbol).Parameters.Take(parameter.Ordinal).Count(p => Symbols.IsStream(p.Type));

        /// <summary>The table slot of a static table parameter: its position among the table parameters.</summary>
        private static int TableIndex(IParameterSymbol parameter) =>
            ((IMethodSymbol)parameter.ContainingSymbol).Parameters.Take(parameter.Ordinal).Count(p => IsStaticTable(p.Type));

        /// <summary>The row type after a join call: the result selector's type, or the left row for semi and anti joins.</summary>
        private static ITypeSymbol RowTypeAfterJoin(IMethodSymbol method, ITypeSymbol rowType) =>
            method.Name == "Join" && method.TypeArguments.Length == 3 ? method.TypeArguments[2] : rowType;

        /// <summary>
        /// <c>Union</c>, <c>Intersect</c>, <c>Except</c>: recorded for the validation passes, which reject or defer them; the
        /// union of two streams also holds the other stream's chain, which the plan runs as a second input loop.
        /// </summary>
        private SetOperationSpec? ParseSetOperation(SemanticModel model, InvocationExpressionSyntax call, IMethodSymbol method, string index)
        {
            bool isStatic = IsStaticTable(method.Parameters[0].Type);
            var set = new SetOperationSpec(method.Name, isStatic);
            if (isStatic || method.Name != "Union") return set;
            if (model.GetOperation(call, _cancellationToken) is not IInvocationOperation operation || Argument(operation, 0) is not { } other)
                return Silent<SetOperationSpec>();
            var chain = RightChain(model, other);
            if (chain is null) return null;
            var (source, calls) = chain.Value;
            if (!Symbols.IsStream(source.Type)) return set;
            var operators = ParseOperators(model, InputIndex(source), source.Type, calls, "Union" + index);
            if (operators is null) return null;
            return set with { OtherSource = InputIndex(source), OtherOperators = operators };
        }

        /// <summary>A join call on a stream whose rows are <paramref name="leftRowType"/>.</summary>
        private OperatorSpec? ParseJoin(SemanticModel model, InvocationExpressionSyntax call, IMethodSymbol method, ITypeSymbol leftRowType, string index)
        {
            if (model.GetOperation(call, _cancellationToken) is not IInvocationOperation operation) return Silent<OperatorSpec>();
            var other = Argument(operation, 0);
            if (other is null) return Silent<OperatorSpec>();
            bool isStatic = IsStaticTable(method.Parameters[0].Type);
            var rightRowType = isStatic ? TableRowType(method.Parameters[0].Type)! : Symbols.StreamRowType(method.Parameters[0].Type)!;
            var kind = JoinKindOf(method, operation, tableOnLeft: false);
            if (kind is null) return null;
            var keyType = method.TypeArguments[1];
            if (JoinLambdas(model, operation, method, leftRowType, rightRowType, "JoinLeftKey" + index, "JoinRightKey" + index, index)
                is not var (leftKey, rightKey, result))
            {
                return null;
            }

            if (isStatic)
            {
                var table = TableParameter(model, other);
                if (table is null) return null;
                return new StaticJoinSpec(TableIndex(table), kind.Value, false, leftKey, rightKey, TypeSpecBuilder.Build(keyType), result,
                    TypeSpecBuilder.Build(rightRowType));
            }

            PairLambdaSpec? condition = null;
            TimeRangeSpec? range = null;
            var conditionArgument = operation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "condition");
            if (conditionArgument is { ArgumentKind: ArgumentKind.Explicit } && !IsNullLiteral(conditionArgument.Value))
            {
                var conditionSyntax = Argument(operation, conditionArgument.Parameter!.Ordinal)!;
                condition = PairLambda(model, conditionSyntax, "JoinCondition" + index, leftRowType, rightRowType, model.Compilation.GetSpecialType(SpecialType.System_Boolean));
                if (condition is null) return null;
                range = TimeRange(model, conditionSyntax, leftRowType, rightRowType, index);
            }

            var rightChain = RightChain(model, other);
            if (rightChain is null) return null;
            var (source, calls) = rightChain.Value;
            if (!Symbols.IsStream(source.Type))
            {
                Report(DiagnosticIds.QueryBodyNotAChain, other, _queryName,
                    "the other side of '" + method.Name + "' is the static table '" + source.Name + "'; pass it as 'StaticTable<T>' to the table overload");
                return null;
            }
            var rightOperators = ParseOperators(model, InputIndex(source), source.Type, calls, "Right" + index);
            if (rightOperators is null) return null;
            var join = new JoinSpec(InputIndex(source), rightOperators, kind.Value, leftKey, rightKey, TypeSpecBuilder.Build(keyType),
                TypeSpecBuilder.Build(leftRowType), TypeSpecBuilder.Build(rightRowType), result, condition, range);
            if (result is not null && Argument(operation, 3) is { } resultSyntax)
            {
                // The joined rows keep the watermarked members their result copies, as Spark keeps both sides' event-time columns.
                var resultType = method.TypeArguments[2];
                join = join with
                {
                    LeftCopies = MemberLineage.Of(model, resultSyntax, resultType, _cancellationToken, 0, 2),
                    RightCopies = MemberLineage.Of(model, resultSyntax, resultType, _cancellationToken, 1, 2),
                };
            }
            if (conditionArgument is not null && condition is not null) Syntax.Set(join, SyntaxParts.Key, conditionArgument.Syntax.GetLocation());
            return join;
        }

        /// <summary>
        /// <c>table.Join(stream, ...)</c>: the chain starts at a static table. Compiled as the mirrored stream-static join
        /// over the stream's chain; the validation passes reject the kinds Spark rejects with the table on the left.
        /// </summary>
        private QuerySpec? ParseTableOnLeft(SemanticModel model, IParameterSymbol table, List<InvocationExpressionSyntax> calls)
        {
            var first = calls[0];
            var name = ((MemberAccessExpressionSyntax)first.Expression).Name;
            if (model.GetSymbolInfo(first, _cancellationToken).Symbol is not IMethodSymbol method
                || model.GetOperation(first, _cancellationToken) is not IInvocationOperation operation)
            {
                return Silent();
            }
            if (!IsStaticTable(method.ContainingType) || Argument(operation, 0) is not { } streamArgument)
            {
                Report(DiagnosticIds.UnsupportedOperator, name, _queryName, name.Identifier.Text + " on a static table");
                return null;
            }
            var kind = JoinKindOf(method, operation, tableOnLeft: true);
            if (kind is null) return null;
            var streamChain = RightChain(model, streamArgument);
            if (streamChain is null) return null;
            var (source, streamCalls) = streamChain.Value;
            if (!Symbols.IsStream(source.Type))
            {
                Report(DiagnosticIds.QueryBodyNotAChain, streamArgument, _queryName, "a static table is joined with the static table '" + source.Name + "'; one side must be a stream");
                return null;
            }
            int input = InputIndex(source);
            var operators = ParseOperators(model, input, source.Type, streamCalls);
            if (operators is null) return null;
            var streamRowType = Symbols.StreamRowType(method.Parameters[0].Type)!;
            var tableRowType = TableRowType(table.Type)!;
            var keyType = method.TypeArguments[1];
            string index = operators.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (JoinLambdas(model, operation, method, tableRowType, streamRowType, "JoinTableKey" + index, "JoinStreamKey" + index, index)
                is not var (tableKey, streamKey, result))
            {
                return null;
            }
            var join = new StaticJoinSpec(TableIndex(table), kind.Value, true, streamKey, tableKey, TypeSpecBuilder.Build(keyType), result,
                TypeSpecBuilder.Build(tableRowType));
            Syntax.Set(join, SyntaxParts.Call, CallLocation(first));
            var all = operators.Concat(new OperatorSpec[] { join }).ToList();
            var after = ParseOperators(model, input, method.ReturnType, calls.Skip(1).ToList(), "After" + index);
            if (after is null) return null;
            all.AddRange(after);
            return Header! with { SourceIndex = input, Operators = all.ToEquatableArray() };
        }

        /// <summary>
        /// The key selectors of both sides (parameters 1 and 2) and the result selector (parameter 3, <c>Join</c> only) of a
        /// join call whose receiver rows are <paramref name="firstRow"/> and argument rows <paramref name="secondRow"/>.
        /// </summary>
        private (LambdaSpec First, LambdaSpec Second, PairLambdaSpec? Result)? JoinLambdas(SemanticModel model, IInvocationOperation operation,
            IMethodSymbol method, ITypeSymbol firstRow, ITypeSymbol secondRow, string firstName, string secondName, string index)
        {
            var keyType = method.TypeArguments[1];
            var first = KeyLambda(model, operation, 1, firstName, firstRow, keyType, method.Name);
            var second = KeyLambda(model, operation, 2, secondName, secondRow, keyType, method.Name);
            if (first is null || second is null) return null;
            if (method.Name != "Join") return (first, second, null);
            var result = PairLambda(model, Argument(operation, 3), "JoinResult" + index, firstRow, secondRow, method.TypeArguments[2]);
            return result is null ? null : (first, second, result);
        }

        /// <summary>The join kind of a join call: from its name, or from its constant <c>type</c> argument.</summary>
        private JoinKind? JoinKindOf(IMethodSymbol method, IInvocationOperation operation, bool tableOnLeft)
        {
            switch (method.Name)
            {
                case "SemiJoin":
                    return JoinKind.LeftSemi;
                case "AntiJoin":
                    return JoinKind.LeftAnti;
            }
            var type = operation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "type");
            if (type is null || type.ArgumentKind == ArgumentKind.DefaultValue) return JoinKind.Inner;
            if (type.Value.ConstantValue is not { HasValue: true, Value: int value } || value < 0 || value > 3)
            {
                Report(DiagnosticIds.UnsupportedOperator, type.Syntax, _queryName,
                    "Join with a join type that is not a constant ('" + LambdaRewriter.Display(type.Syntax) + "'); write 'JoinType.Inner', 'JoinType.LeftOuter', ...");
                return null;
            }
            return (JoinKind)value;
        }

        /// <summary>The expression passed for parameter <paramref name="ordinal"/>, or null when it was left to its default.</summary>
        private static ExpressionSyntax? Argument(IInvocationOperation operation, int ordinal)
        {
            var argument = operation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == ordinal);
            return argument is { ArgumentKind: ArgumentKind.Explicit, Syntax: ArgumentSyntax syntax } ? syntax.Expression : null;
        }

        private static bool IsNullLiteral(IOperation value)
        {
            while (value is IConversionOperation conversion) value = conversion.Operand;
            return value is ILiteralOperation { ConstantValue: { HasValue: true, Value: null } } or IDefaultValueOperation;
        }

        private LambdaSpec? KeyLambda(SemanticModel model, IInvocationOperation operation, int ordinal, string name, ITypeSymbol rowType,
            ITypeSymbol keyType, string operatorName)
        {
            var argument = Argument(operation, ordinal);
            if (argument is null) return Silent<LambdaSpec>();
            var key = LambdaOf(model, argument, name, rowType, keyType, false, operatorName);
            if (key is not null) Syntax.Set(key, SyntaxParts.Key, argument.GetLocation());
            return key;
        }

        /// <summary>The static table parameter passed as <paramref name="argument"/>; reports anything else.</summary>
        private IParameterSymbol? TableParameter(SemanticModel model, ExpressionSyntax argument)
        {
            var unwrapped = Unwrap(argument);
            if (model.GetSymbolInfo(unwrapped, _cancellationToken).Symbol is IParameterSymbol { ContainingSymbol: IMethodSymbol { Name: KnownNames.DefineMethod } } parameter
                && IsStaticTable(parameter.Type))
            {
                return parameter;
            }
            Report(DiagnosticIds.QueryBodyNotAChain, argument, _queryName,
                "'" + LambdaRewriter.Display(argument) + "' is not a 'StaticTable<T>' parameter of 'Define'; add the table as a parameter and join with it");
            return null;
        }

        /// <summary>The other side of a join: a chain of calls back to a parameter of <c>Define</c>.</summary>
        private (IParameterSymbol Source, List<InvocationExpressionSyntax> Calls)? RightChain(SemanticModel model, ExpressionSyntax argument)
        {
            var defineSyntax = argument.FirstAncestorOrSelf<MethodDeclarationSyntax>();
            if (defineSyntax is null || model.GetDeclaredSymbol(defineSyntax, _cancellationToken) is not IMethodSymbol define)
            {
                Silent();
                return null;
            }
            return ReadChain(model, argument, define);
        }

        /// <summary>A two-parameter lambda (a join's result or condition) copied into a generated method.</summary>
        private PairLambdaSpec? PairLambda(SemanticModel model, ExpressionSyntax? argument, string name, ITypeSymbol leftType,
            ITypeSymbol rightType, ITypeSymbol returnType)
        {
            if (argument is null) return Silent<PairLambdaSpec>();
            if (TypeNames.HasErrors(leftType) || TypeNames.HasErrors(rightType) || TypeNames.HasErrors(returnType)) return Silent<PairLambdaSpec>();
            if (argument is not ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: 2 } lambda)
            {
                Report(DiagnosticIds.QueryBodyNotAChain, argument, _queryName, "a join receives '" + LambdaRewriter.Display(argument)
                    + "'; pass a lambda of both rows such as '(l, r) => ...'");
                return null;
            }
            if (lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword))
            {
                Report(DiagnosticIds.QueryBodyNotAChain, lambda, _queryName,
                    "the lambda '" + LambdaRewriter.Display(lambda) + "' is async; query lambdas must be synchronous");
                return null;
            }
            var body = (CSharpSyntaxNode?)lambda.ExpressionBody ?? lambda.Block!;
            bool nullable = model.GetNullableContext(body.SpanStart).AnnotationsEnabled();
            var helpers = new HelperSet(name);
            var (text, rewriter) = LambdaRewriter.Rewrite(model, lambda, body, null, null, helpers, _cancellationToken);
            if (!Accept(rewriter)) return null;
            var parameters = lambda.ParameterList.Parameters;
            return new PairLambdaSpec(name, parameters[0].Identifier.Text, TypeNames.Render(leftType, nullable),
                parameters[1].Identifier.Text, TypeNames.Render(rightType, nullable), TypeNames.Render(returnType, nullable),
                text, body is BlockSyntax, nullable, helpers.Declarations.ToEquatableArray(), LambdaRewriter.Display(lambda));
        }
    }
}
