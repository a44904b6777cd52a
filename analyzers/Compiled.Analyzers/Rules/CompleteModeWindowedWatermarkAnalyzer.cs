using Compiled.Analyzers.Queries;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Compiled.Analyzers.Rules
{
    /// <summary>CQ1004 (warning): a windowed aggregation with a watermark in <c>OutputMode.Complete</c>, which keeps every window forever.</summary>
    [DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
    public sealed class CompleteModeWindowedWatermarkAnalyzer : QueryValidationAnalyzer
    {
        /// <summary>Reports the shared validation pass's CompleteModeWindowedWatermark findings.</summary>
        public CompleteModeWindowedWatermarkAnalyzer()
            : base(Descriptors.CompleteModeWindowedWatermark)
        {
        }
    }
}
