using Compiled.Analyzers.Queries;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Compiled.Analyzers.Rules
{
    /// <summary>CQ1002: an aggregation in <c>OutputMode.Append</c> whose grouping has no event-time window over a watermarked column (Spark SS-O1), on its <c>GroupBy</c> call.</summary>
    [DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
    public sealed class AppendModeAggregationWithoutWatermarkAnalyzer : QueryValidationAnalyzer
    {
        /// <summary>Reports the shared validation pass's AppendModeAggregationWithoutWatermark findings.</summary>
        public AppendModeAggregationWithoutWatermarkAnalyzer()
            : base(Descriptors.AppendModeAggregationWithoutWatermark)
        {
        }
    }
}
