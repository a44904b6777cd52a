using Compiled.Analyzers.Queries;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Compiled.Analyzers.Rules
{
    /// <summary>CQ1104: an event-time timeout in keyed state without a watermark (SS-G6).</summary>
    [DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
    public sealed class EventTimeTimeoutWithoutWatermarkAnalyzer : QueryValidationAnalyzer
    {
        /// <summary>Reports the shared validation pass's EventTimeTimeoutWithoutWatermark findings.</summary>
        public EventTimeTimeoutWithoutWatermarkAnalyzer()
            : base(Descriptors.EventTimeTimeoutWithoutWatermark)
        {
        }
    }
}
