using Compiled.Analyzers.Queries;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Compiled.Analyzers.Rules
{
    /// <summary>CQ1006: a stream-stream join outside <c>OutputMode.Append</c> (Spark SS-J0).</summary>
    [DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
    public sealed class StreamStreamJoinNotAppendAnalyzer : QueryValidationAnalyzer
    {
        /// <summary>Reports the shared validation pass's StreamStreamJoinNotAppend findings.</summary>
        public StreamStreamJoinNotAppendAnalyzer()
            : base(Descriptors.StreamStreamJoinNotAppend)
        {
        }
    }
}
