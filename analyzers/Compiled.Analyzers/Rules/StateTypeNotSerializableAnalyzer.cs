using Compiled.Analyzers.Queries;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Compiled.Analyzers.Rules
{
    /// <summary>CQ1403: a state key or value (a GroupBy key, a Min/Max value, a Distinct row) the generator cannot compare and serialise; the verdict is the shared model's, the one the generator relies on.</summary>
    [DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
    public sealed class StateTypeNotSerializableAnalyzer : QueryValidationAnalyzer
    {
        /// <summary>Reports the shared validation pass's StateTypeNotSerializable findings.</summary>
        public StateTypeNotSerializableAnalyzer()
            : base(Descriptors.StateTypeNotSerializable)
        {
        }
    }
}
