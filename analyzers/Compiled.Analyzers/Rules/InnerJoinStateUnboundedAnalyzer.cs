using Compiled.Analyzers.Queries;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Compiled.Analyzers.Rules
{
    /// <summary>CQ1205: an inner stream-stream join whose state no watermark and time range bound.</summary>
    [DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
    public sealed class InnerJoinStateUnboundedAnalyzer : QueryValidationAnalyzer
    {
        /// <summary>Reports the shared validation pass's InnerJoinStateUnbounded findings.</summary>
        public InnerJoinStateUnboundedAnalyzer()
            : base(Descriptors.InnerJoinStateUnbounded)
        {
        }
    }
}
