using System.Linq;
using Compiled.Generators.Model;

namespace Compiled.Generators.Planning
{
    /// <summary>
    /// The chains of grouping stateful operators the emitters compile: an event-time window aggregation fed by another
    /// (Spark 3.5's chained time-window aggregation, grouping on the first window's <c>WindowTime</c>), in Append mode.
    /// </summary>
    internal static class ChainedAggregation
    {
        /// <summary>What the emitters cannot compile about <paramref name="next"/> fed by the grouping operator <paramref name="first"/>, or null.</summary>
        public static string? Unsupported(QuerySpec query, OperatorSpec first, OperatorSpec next)
        {
            if (!IsEventTimeWindow(first) || !IsEventTimeWindow(next))
                return Describe(next) + " after " + Describe(first) + " (of chained grouping operators, an event-time window aggregation after another is compiled)";
            // Spark refuses other modes (checkStreamingQueryGlobalWatermarkLimit): Update would feed a window's every change
            // to the next aggregation, which would count it again each time.
            if (query.OutputMode != OutputModes.Append)
                return "a window aggregation after another in OutputMode." + OutputModes.Name(query.OutputMode) + " (chained aggregations are compiled in Append, where each window is written once)";
            var operators = query.Operators;
            if (operators.Count(StateOperators.IsBreaker) > 2) return "more than two aggregations in a chain";
            if (operators.Any(o => o is JoinSpec or SetOperationSpec)) return "chained window aggregations in a query with a stream-stream join or a union";
            if (operators.SkipWhile(o => !ReferenceEquals(o, first)).Any(o => o is DedupSpec or StaticJoinSpec))
                return "a deduplication or a static join after the first of chained window aggregations";
            return null;
        }

        private static string Describe(OperatorSpec op) => op switch
        {
            AggregateSpec { Window: null } => "an aggregation without a time window",
            AggregateSpec { Window.IsProcessingTime: true } => "a processing-time window aggregation",
            AggregateSpec => "a window aggregation",
            GroupStateSpec state => "keyed state (" + state.Name + ")",
            _ => op.Kind,
        };

        private static bool IsEventTimeWindow(OperatorSpec op) => op is AggregateSpec { Window: { IsProcessingTime: false } };
    }
}
