using Compiled.Analyzers.Queries;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Compiled.Analyzers.Rules
{
    /// <summary>CQ1106: a window length, slide or gap that is not positive, or a slide longer than its window, on that argument.</summary>
    [DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
    public sealed class WindowLengthInvalidAnalyzer : QueryValidationAnalyzer
    {
        /// <summary>Reports the shared validation pass's WindowLengthInvalid findings.</summary>
        public WindowLengthInvalidAnalyzer()
            : base(Descriptors.WindowLengthInvalid)
        {
        }
    }
}
