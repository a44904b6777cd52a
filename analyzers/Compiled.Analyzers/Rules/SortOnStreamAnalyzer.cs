using Compiled.Analyzers.Queries;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Compiled.Analyzers.Rules
{
    /// <summary>CQ1301: <c>OrderBy</c> / <c>OrderByDescending</c> on a stream, unless it sorts an aggregation's result in <c>OutputMode.Complete</c> (Spark SS-L3).</summary>
    [DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
    public sealed class SortOnStreamAnalyzer : QueryValidationAnalyzer
    {
        /// <summary>Reports the shared validation pass's SortOnStream findings.</summary>
        public SortOnStreamAnalyzer()
            : base(Descriptors.SortOnStream)
        {
        }
    }
}
