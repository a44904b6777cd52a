using Compiled.Analyzers.Queries;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Compiled.Analyzers.Rules
{
    /// <summary>CQ1302: <c>Take</c> in Update mode (Spark SS-L1) and <c>Skip</c> in any mode (SS-L2).</summary>
    [DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
    public sealed class LimitOrOffsetOnStreamAnalyzer : QueryValidationAnalyzer
    {
        /// <summary>Reports the shared validation pass's LimitOrOffsetOnStream findings.</summary>
        public LimitOrOffsetOnStreamAnalyzer()
            : base(Descriptors.LimitOrOffsetOnStream)
        {
        }
    }
}
