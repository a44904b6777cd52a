namespace Compiled.Analyzers.Queries
{
    /// <summary>What lies upstream of a call in a query chain.</summary>
    internal readonly struct ChainFacts
    {
        public ChainFacts(bool reachesInput, bool hasAggregation)
        {
            ReachesInput = reachesInput;
            HasAggregation = hasAggregation;
        }

        /// <summary>The chain was followed to a query input; when false, what is upstream is unknown.</summary>
        public bool ReachesInput { get; }

        /// <summary>An aggregation (<c>GroupBy(…).Select(…)</c>) runs upstream.</summary>
        public bool HasAggregation { get; }
    }
}
