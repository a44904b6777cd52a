using Compiled.Analyzers.Queries;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Compiled.Analyzers.Rules
{
    /// <summary>CQ1204: an anti join with a streaming right side (Spark SS-J4).</summary>
    [DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
    public sealed class AntiJoinWithStreamingRightAnalyzer : QueryValidationAnalyzer
    {
        /// <summary>Reports the shared validation pass's AntiJoinWithStreamingRight findings.</summary>
        public AntiJoinWithStreamingRightAnalyzer()
            : base(Descriptors.AntiJoinWithStreamingRight)
        {
        }
    }
}
