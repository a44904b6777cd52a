using Compiled.Analyzers.Queries;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Compiled.Analyzers.Rules
{
    /// <summary>CQ1305: a union with a static table, an intersect, or an except with a streaming right side (Spark SS-S2..S4).</summary>
    [DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
    public sealed class SetOperationWithStreamAnalyzer : QueryValidationAnalyzer
    {
        /// <summary>Reports the shared validation pass's SetOperationWithStream findings.</summary>
        public SetOperationWithStreamAnalyzer()
            : base(Descriptors.SetOperationWithStream)
        {
        }
    }
}
