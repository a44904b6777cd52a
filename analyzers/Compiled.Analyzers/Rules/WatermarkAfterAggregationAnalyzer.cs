using Compiled.Analyzers.Queries;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Compiled.Analyzers.Rules
{
    /// <summary>CQ1101: <c>WithWatermark</c> declared after the aggregation it should bound, on the <c>WithWatermark</c> call.</summary>
    [DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
    public sealed class WatermarkAfterAggregationAnalyzer : QueryValidationAnalyzer
    {
        /// <summary>Reports the shared validation pass's WatermarkAfterAggregation findings.</summary>
        public WatermarkAfterAggregationAnalyzer()
            : base(Descriptors.WatermarkAfterAggregation)
        {
        }
    }
}
