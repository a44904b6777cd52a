using Compiled.Analyzers.Queries;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Compiled.Analyzers.Rules
{
    /// <summary>CQ1304: keyed-state operators in numbers or output modes Spark refuses (SS-P2..P4, SS-G2..G5).</summary>
    [DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
    public sealed class GroupStateModeRulesAnalyzer : QueryValidationAnalyzer
    {
        /// <summary>Reports the shared validation pass's GroupStateModeRules findings.</summary>
        public GroupStateModeRulesAnalyzer()
            : base(Descriptors.GroupStateModeRules)
        {
        }
    }
}
