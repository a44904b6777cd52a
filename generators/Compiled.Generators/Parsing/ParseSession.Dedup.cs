using System.Collections.Generic;
using System.Linq;
using Compiled.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Compiled.Generators.Parsing
{
    /// <summary>Reads <c>Distinct()</c>, <c>DropDuplicates(key)</c> and <c>DropDuplicatesWithinWatermark(key)</c>.</summary>
    internal sealed partial class ParseSession
    {
        /// <summary><c>Distinct()</c>: the whole row is the key, so it holds the event time when the rows still carry the watermarked member.</summary>
        private static DedupSpec ParseDistinct(ITypeSymbol rowType, List<OperatorSpec> operators)
        {
            var row = TypeSpecBuilder.Build(rowType);
            bool eventTimeInKey = WatermarkOfRows(operators)?.EventTimeMember is not null;
            return new DedupSpec(null, row, WithinWatermark: false, eventTimeInKey, row);
        }

        private DedupSpec? ParseDedup(SemanticModel model, InvocationExpressionSyntax call, IMethodSymbol method, ITypeSymbol rowType,
            string index, List<OperatorSpec> operators)
        {
            var key = Lambda(model, call, method.Name + index, rowType, method.Parameters[0], allowSpan: false);
            if (key is null) return null;
            bool eventTimeInKey = WatermarkOfRows(operators)?.EventTimeMember is { } member
                && ReadsRowMember(model, call.ArgumentList.Arguments[0].Expression, member);
            return new DedupSpec(key, TypeSpecBuilder.Build(method.TypeArguments[0]), method.Name == "DropDuplicatesWithinWatermark",
                eventTimeInKey, TypeSpecBuilder.Build(rowType));
        }

        /// <summary>
        /// The watermark whose event-time member the current rows still carry: the last one declared, when only filters
        /// and deduplications (which pass rows unchanged) follow it.
        /// </summary>
        private static WatermarkSpec? WatermarkOfRows(List<OperatorSpec> operators)
        {
            for (int i = operators.Count - 1; i >= 0; i--)
            {
                switch (operators[i])
                {
                    case WatermarkSpec watermark:
                        return watermark;
                    case FilterSpec or DedupSpec:
                        continue;
                    default:
                        return null;
                }
            }
            return null;
        }

        /// <summary>True when the key lambda reads <c>row.<paramref name="member"/></c> on its parameter anywhere in its body.</summary>
        private bool ReadsRowMember(SemanticModel model, ExpressionSyntax argument, string member)
        {
            if (argument is not LambdaExpressionSyntax lambda
                || model.GetSymbolInfo(lambda, _cancellationToken).Symbol is not IMethodSymbol { Parameters.Length: 1 } signature)
                return false;
            return lambda.Body.DescendantNodesAndSelf().OfType<MemberAccessExpressionSyntax>()
                .Any(access => RowMember(model, access, signature.Parameters[0]) == member);
        }
    }
}
