using Compiled.Analyzers.Queries;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Compiled.Analyzers.Rules
{
    /// <summary>CQ1105: DropDuplicatesWithinWatermark without a watermark (SS-D1).</summary>
    [DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
    public sealed class DedupWithinWatermarkWithoutWatermarkAnalyzer : QueryValidationAnalyzer
    {
        /// <summary>Reports the shared validation pass's DedupWithinWatermarkWithoutWatermark findings.</summary>
        public DedupWithinWatermarkWithoutWatermarkAnalyzer()
            : base(Descriptors.DedupWithinWatermarkWithoutWatermark)
        {
        }
    }
}
