using Microsoft.CodeAnalysis;

namespace Compiled.Generators.Validation
{
    /// <summary>
    /// One rule violation found by a validation pass, as data: the analyzers turn it into a diagnostic with their
    /// descriptor, the generator into the reason of an uncallable <c>Start</c>.
    /// </summary>
    internal sealed class Finding
    {
        /// <summary>Creates a finding.</summary>
        public Finding(string id, Location? location, params string[] arguments)
        {
            Id = id;
            Location = location;
            Arguments = arguments;
        }

        /// <summary>The diagnostic id (<c>Compiled.Diagnostics.DiagnosticIds</c>).</summary>
        public string Id { get; }

        /// <summary>The exact span of the offending code.</summary>
        public Location? Location { get; }

        /// <summary>The message arguments of the id's descriptor, in order.</summary>
        public string[] Arguments { get; }

        /// <summary>True for rules whose default severity is a warning: they never stop the generator.</summary>
        public bool IsWarning => Id is Compiled.Diagnostics.DiagnosticIds.CompleteModeWindowedWatermark
            or Compiled.Diagnostics.DiagnosticIds.UpdateModeIntoAppendOnlySink
            or Compiled.Diagnostics.DiagnosticIds.StatefulAfterLateEmitter
            or Compiled.Diagnostics.DiagnosticIds.DedupStateUnbounded

            or Compiled.Diagnostics.DiagnosticIds.InnerJoinStateUnbounded;
    }
}
