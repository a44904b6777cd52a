using Compiled.Analyzers.Queries;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Compiled.Analyzers.Rules
{
    /// <summary>CQ1303: <c>CountDistinct</c> (Spark SS-A1) and grouping sets, <c>GroupByRollup</c> / <c>GroupByCube</c> (SS-A2).</summary>
    [DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
    public sealed class DistinctAggregateOrGroupingSetsAnalyzer : QueryValidationAnalyzer
    {
        /// <summary>Reports the shared validation pass's DistinctAggregateOrGroupingSets findings.</summary>
        public DistinctAggregateOrGroupingSetsAnalyzer()
            : base(Descriptors.DistinctAggregateOrGroupingSets)
        {
        }
    }
}
