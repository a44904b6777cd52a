using Compiled.Analyzers.Queries;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Compiled.Analyzers.Rules
{
    /// <summary>CQ1003: a session-window aggregation in <c>OutputMode.Update</c> (Spark SS-O2), on the <c>Window.Session</c> call.</summary>
    [DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
    public sealed class UpdateModeSessionWindowAnalyzer : QueryValidationAnalyzer
    {
        /// <summary>Reports the shared validation pass's UpdateModeSessionWindow findings.</summary>
        public UpdateModeSessionWindowAnalyzer()
            : base(Descriptors.UpdateModeSessionWindow)
        {
        }
    }
}
