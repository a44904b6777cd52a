using Compiled.Analyzers.Queries;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Compiled.Analyzers.Rules
{
    /// <summary>CQ1306 (warning, error when raised): a stateful operator fed by one that can write rows behind the watermark (Spark §1.4).</summary>
    [DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
    public sealed class StatefulAfterLateEmitterAnalyzer : QueryValidationAnalyzer
    {
        /// <summary>Reports the shared validation pass's StatefulAfterLateEmitter findings.</summary>
        public StatefulAfterLateEmitterAnalyzer()
            : base(Descriptors.StatefulAfterLateEmitter)
        {
        }
    }
}
