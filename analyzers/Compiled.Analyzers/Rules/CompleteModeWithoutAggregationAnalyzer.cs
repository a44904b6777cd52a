using Compiled.Analyzers.Queries;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Compiled.Analyzers.Rules
{
    /// <summary>CQ1001: <c>OutputMode.Complete</c> on a query with no aggregation (Spark SS-O3), on the attribute's mode argument, which the code fix changes.</summary>
    [DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
    public sealed class CompleteModeWithoutAggregationAnalyzer : QueryValidationAnalyzer
    {
        /// <summary>Reports the shared validation pass's CompleteModeWithoutAggregation findings.</summary>
        public CompleteModeWithoutAggregationAnalyzer()
            : base(Descriptors.CompleteModeWithoutAggregation)
        {
        }
    }
}
