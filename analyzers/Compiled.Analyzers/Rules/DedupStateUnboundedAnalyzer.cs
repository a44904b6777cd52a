using Compiled.Analyzers.Queries;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Compiled.Analyzers.Rules
{
    /// <summary>CQ1307 (warning): a deduplication whose state the watermark never evicts.</summary>
    [DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
    public sealed class DedupStateUnboundedAnalyzer : QueryValidationAnalyzer
    {
        /// <summary>Reports the shared validation pass's DedupStateUnbounded findings.</summary>
        public DedupStateUnboundedAnalyzer()
            : base(Descriptors.DedupStateUnbounded)
        {
        }
    }
}
