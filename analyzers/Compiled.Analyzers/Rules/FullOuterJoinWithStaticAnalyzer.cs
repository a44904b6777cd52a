using Compiled.Analyzers.Queries;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Compiled.Analyzers.Rules
{
    /// <summary>CQ1202: a full outer join between a stream and a static table (Spark SS-J1, SS-J2).</summary>
    [DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
    public sealed class FullOuterJoinWithStaticAnalyzer : QueryValidationAnalyzer
    {
        /// <summary>Reports the shared validation pass's FullOuterJoinWithStatic findings.</summary>
        public FullOuterJoinWithStaticAnalyzer()
            : base(Descriptors.FullOuterJoinWithStatic)
        {
        }
    }
}
