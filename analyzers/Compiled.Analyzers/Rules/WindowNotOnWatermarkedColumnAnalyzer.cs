using Compiled.Analyzers.Queries;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Compiled.Analyzers.Rules
{
    /// <summary>CQ1102: in Append mode, a window over a member that is not the watermarked event-time member (Spark SS-O1), on the window's time argument.</summary>
    [DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
    public sealed class WindowNotOnWatermarkedColumnAnalyzer : QueryValidationAnalyzer
    {
        /// <summary>Reports the shared validation pass's WindowNotOnWatermarkedColumn findings.</summary>
        public WindowNotOnWatermarkedColumnAnalyzer()
            : base(Descriptors.WindowNotOnWatermarkedColumn)
        {
        }
    }
}
