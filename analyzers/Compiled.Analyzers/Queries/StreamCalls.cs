using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Compiled.Analyzers.Queries
{
    /// <summary>Helpers for the rules that still read <c>IOperation</c> trees (determinism, captures, the sink at <c>Start</c>).</summary>
    internal static class StreamCalls
    {
        /// <summary>Strips implicit conversions, which the compiler inserts around receivers and arguments.</summary>
        public static IOperation Unwrap(IOperation operation)
        {
            while (operation is IConversionOperation { IsImplicit: true } conversion)
                operation = conversion.Operand;
            return operation;
        }
    }
}
