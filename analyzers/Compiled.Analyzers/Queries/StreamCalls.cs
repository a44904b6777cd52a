using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace Compiled.Analyzers.Queries
{
    /// <summary>Helpers for reading a chain of DSL calls (<c>input.Where(…).GroupBy(…).Select(…)</c>).</summary>
    internal static class StreamCalls
    {
        /// <summary>
        /// Where to report a diagnostic on a call in a chain: from the method name to the closing
        /// parenthesis (<c>OrderBy(x =&gt; x.A)</c>), not the whole chain in front of it.
        /// </summary>
        public static Location CallLocation(IInvocationOperation call)
        {
            var syntax = call.Syntax;
            if (syntax is InvocationExpressionSyntax invocation)
            {
                SimpleNameSyntax? name = invocation.Expression switch
                {
                    MemberAccessExpressionSyntax member => member.Name,
                    MemberBindingExpressionSyntax binding => binding.Name,
                    _ => null,
                };
                if (name is not null)
                    return Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(name.SpanStart, syntax.Span.End));
            }
            return syntax.GetLocation();
        }

        /// <summary>The stream a call operates on: its instance, or the first argument of an extension method.</summary>
        public static IOperation? Receiver(IInvocationOperation call)
        {
            var receiver = call.Instance;
            if (receiver is null && call.TargetMethod.IsExtensionMethod && call.Arguments.Length > 0)
                receiver = call.Arguments[0].Value;
            return receiver is null ? null : Unwrap(receiver);
        }

        /// <summary>Strips implicit conversions, which the compiler inserts around receivers and arguments.</summary>
        public static IOperation Unwrap(IOperation operation)
        {
            while (operation is IConversionOperation { IsImplicit: true } conversion)
                operation = conversion.Operand;
            return operation;
        }

        /// <summary>
        /// What lies upstream of <paramref name="call"/> in its chain: whether an aggregation does, and
        /// whether the chain could be followed all the way to a query input (a parameter).
        /// </summary>
        public static ChainFacts Upstream(IInvocationOperation call, CompiledSymbols symbols)
        {
            bool hasAggregation = false;
            var receiver = Receiver(call);
            while (receiver is IInvocationOperation inner)
            {
                hasAggregation |= symbols.IsAggregation(inner.TargetMethod);
                receiver = Receiver(inner);
            }
            return new ChainFacts(reachesInput: receiver is IParameterReferenceOperation, hasAggregation);
        }
    }
}
