using System.Collections.Generic;
using Compiled.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Compiled.Generators.Parsing
{
    /// <summary>
    /// Reads the event-time range of a stream-stream join's condition, Spark's <c>getStateWatermark</c> at build time:
    /// the conjuncts comparing a left time member with a right one plus a constant duration, e.g.
    /// <c>c.ClickTime &gt;= i.ImpressionTime &amp;&amp; c.ClickTime &lt;= i.ImpressionTime + TimeSpan.FromMinutes(15)</c>.
    /// </summary>
    internal sealed partial class ParseSession
    {
        private TimeRangeSpec? TimeRange(SemanticModel model, ExpressionSyntax argument, ITypeSymbol leftType, ITypeSymbol rightType, string index)
        {
            if (argument is not ParenthesizedLambdaExpressionSyntax { ExpressionBody: { } body } lambda
                || model.GetSymbolInfo(lambda, _cancellationToken).Symbol is not IMethodSymbol { Parameters.Length: 2 } signature)
            {
                return null;
            }
            var conjuncts = new List<ExpressionSyntax>();
            Conjuncts(body, conjuncts);
            long lower = long.MinValue, upper = long.MaxValue;
            (string Member, ITypeSymbol Type)? left = null, right = null;
            foreach (var conjunct in conjuncts)
            {
                if (conjunct is not BinaryExpressionSyntax comparison) continue;
                var kind = comparison.Kind();
                if (kind is not (SyntaxKind.GreaterThanOrEqualExpression or SyntaxKind.GreaterThanExpression
                    or SyntaxKind.LessThanOrEqualExpression or SyntaxKind.LessThanExpression))
                {
                    continue;
                }
                var a = TimeTerm(model, comparison.Left, signature);
                var b = TimeTerm(model, comparison.Right, signature);
                if (a is null || b is null || a.Value.Side == b.Value.Side) continue;
                // a.time + a.offset OP b.time + b.offset; rewrite as left - right OP constant.
                bool aIsLeft = a.Value.Side == 0;
                var l = aIsLeft ? a.Value : b.Value;
                var r = aIsLeft ? b.Value : a.Value;
                if (left is { } knownLeft && knownLeft.Member != l.Member || right is { } knownRight && knownRight.Member != r.Member) continue;
                left = (l.Member, l.Type);
                right = (r.Member, r.Type);
                long constant = r.OffsetMs - l.OffsetMs;
                bool greater = kind is SyntaxKind.GreaterThanOrEqualExpression or SyntaxKind.GreaterThanExpression;
                if (!aIsLeft) greater = !greater;
                bool strict = kind is SyntaxKind.GreaterThanExpression or SyntaxKind.LessThanExpression;
                // Event times are whole milliseconds: a strict bound is the inclusive one a millisecond in.
                if (greater)
                {
                    long bound = strict ? constant + 1 : constant;
                    if (bound > lower) lower = bound;
                }
                else
                {
                    long bound = strict ? constant - 1 : constant;
                    if (bound < upper) upper = bound;
                }
            }
            if (left is null || right is null) return null;
            var leftParameter = signature.Parameters[0].Name;
            var rightParameter = signature.Parameters[1].Name;
            return new TimeRangeSpec(
                TimeLambda("JoinLeftTime" + index, leftParameter, leftType, left.Value.Member, left.Value.Type),
                KindOf(left.Value.Type), left.Value.Member,
                TimeLambda("JoinRightTime" + index, rightParameter, rightType, right.Value.Member, right.Value.Type),
                KindOf(right.Value.Type), right.Value.Member,
                lower, upper);
        }

        private static void Conjuncts(ExpressionSyntax expression, List<ExpressionSyntax> into)
        {
            while (expression is ParenthesizedExpressionSyntax parenthesized) expression = parenthesized.Expression;
            if (expression is BinaryExpressionSyntax and_ && and_.IsKind(SyntaxKind.LogicalAndExpression))
            {
                Conjuncts(and_.Left, into);
                Conjuncts(and_.Right, into);
                return;
            }
            into.Add(expression);
        }

        /// <summary><c>p.Member</c>, <c>p.Member + duration</c> or <c>p.Member - duration</c> on one of the lambda's parameters.</summary>
        private (int Side, string Member, ITypeSymbol Type, long OffsetMs)? TimeTerm(SemanticModel model, ExpressionSyntax expression, IMethodSymbol signature)
        {
            while (expression is ParenthesizedExpressionSyntax parenthesized) expression = parenthesized.Expression;
            long offset = 0;
            if (expression is BinaryExpressionSyntax arithmetic && arithmetic.Kind() is SyntaxKind.AddExpression or SyntaxKind.SubtractExpression)
            {
                long? ms = Durations.Milliseconds(model.GetOperation(arithmetic.Right, _cancellationToken));
                if (ms is null && model.GetConstantValue(arithmetic.Right, _cancellationToken) is { HasValue: true, Value: long or int } constant)
                    ms = System.Convert.ToInt64(constant.Value, System.Globalization.CultureInfo.InvariantCulture);
                if (ms is null) return null;
                offset = arithmetic.IsKind(SyntaxKind.AddExpression) ? ms.Value : -ms.Value;
                expression = arithmetic.Left;
                while (expression is ParenthesizedExpressionSyntax inner) expression = inner.Expression;
            }
            for (int side = 0; side < 2; side++)
            {
                if (RowMember(model, expression, signature.Parameters[side]) is not { } member) continue;
                var type = model.GetTypeInfo(expression, _cancellationToken).Type;
                bool isTime = type is { SpecialType: SpecialType.System_DateTime or SpecialType.System_Int64 }
                    or INamedTypeSymbol { Name: "DateTimeOffset", ContainingNamespace.Name: "System" };
                return isTime ? (side, member, type!, offset) : null;
            }
            return null;
        }

        /// <summary>A generated reader of one time member, e.g. <c>static DateTime JoinLeftTime0(Click c) =&gt; c.ClickTime</c>.</summary>
        private static LambdaSpec TimeLambda(string name, string parameter, ITypeSymbol rowType, string member, ITypeSymbol memberType)
        {
            bool largeStruct = rowType.IsValueType && rowType.SpecialType == SpecialType.None && rowType.TypeKind != TypeKind.Enum;
            return new LambdaSpec(name, parameter, TypeNames.Render(rowType, annotate: false), largeStruct, TypeNames.Render(memberType, annotate: false),
                parameter + "." + member, false, true, null, true, ImmutableEquatableArray<string>.Empty, parameter + " => " + parameter + "." + member);
        }
    }
}
