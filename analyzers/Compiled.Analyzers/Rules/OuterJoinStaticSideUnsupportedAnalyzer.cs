using Compiled.Analyzers.Queries;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Compiled.Analyzers.Rules
{
    /// <summary>CQ1203: an outer or semi join that would keep the static table's unmatched rows (Spark SS-J5, SS-J7).</summary>
    [DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
    public sealed class OuterJoinStaticSideUnsupportedAnalyzer : QueryValidationAnalyzer
    {
        /// <summary>Reports the shared validation pass's OuterJoinStaticSideUnsupported findings.</summary>
        public OuterJoinStaticSideUnsupportedAnalyzer()
            : base(Descriptors.OuterJoinStaticSideUnsupported)
        {
        }
    }
}
