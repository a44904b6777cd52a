using Compiled.Analyzers.Queries;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Compiled.Analyzers.Rules
{
    /// <summary>CQ1103: a session window as the only grouping key (Spark SS-W7), on the <c>Window.Session</c> call.</summary>
    [DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
    public sealed class SessionWindowOnlyKeyAnalyzer : QueryValidationAnalyzer
    {
        /// <summary>Reports the shared validation pass's SessionWindowOnlyKey findings.</summary>
        public SessionWindowOnlyKeyAnalyzer()
            : base(Descriptors.SessionWindowOnlyKey)
        {
        }
    }
}
