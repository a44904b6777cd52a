using Compiled.Analyzers.Queries;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Compiled.Analyzers.Rules
{
    /// <summary>CQ1201: an outer or semi stream-stream join without a watermark on the nullable side and a time range (Spark SS-JW).</summary>
    [DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
    public sealed class OuterJoinWithoutWatermarkAnalyzer : QueryValidationAnalyzer
    {
        /// <summary>Reports the shared validation pass's OuterJoinWithoutWatermark findings.</summary>
        public OuterJoinWithoutWatermarkAnalyzer()
            : base(Descriptors.OuterJoinWithoutWatermark)
        {
        }
    }
}
