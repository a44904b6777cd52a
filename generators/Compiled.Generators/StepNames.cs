namespace Compiled.Generators
{
    /// <summary>Tracking names of the incremental pipeline steps; tests assert their cache behaviour.</summary>
    internal static class StepNames
    {
        /// <summary>Finding and parsing <c>[StreamingQuery]</c> classes.</summary>
        public const string Parse = "Parse";
        /// <summary>The query model alone (diagnostics split off).</summary>
        public const string Model = "Model";
        /// <summary>The physical plan derived from the model.</summary>
        public const string Plan = "Plan";
        /// <summary>The JSON reader models of the queries' input row types.</summary>
        public const string JsonReaders = "JsonReaders";
    }
}
