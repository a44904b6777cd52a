using System.Linq;
using Compiled.Generators.Model;

namespace Compiled.Generators.Planning
{
    /// <summary>The stream-stream join shapes the emitters compile; the others are valid Spark but CQ0003 for now.</summary>
    internal static class StreamJoinSupport
    {
        /// <summary>What the emitters cannot compile about <paramref name="join"/> in <paramref name="query"/>, or null.</summary>
        public static string? Unsupported(QuerySpec query, JoinSpec join)
        {
            var operators = query.Operators;
            if (operators.OfType<JoinSpec>().Count() > 1) return "more than one stream-stream join in a query";
            if (join.RightSource == query.SourceIndex) return "a stream-stream join of an input with itself";
            int at = 0;
            while (!ReferenceEquals(operators[at], join)) at++;
            if (operators.Take(at).Any(StateOperators.IsStateful) || join.RightOperators.Any(StateOperators.IsStateful))
                return "a stateful operator (aggregation, deduplication, keyed state) before a stream-stream join";
            var after = operators.Skip(at + 1).ToList();
            // The joined rows feed one event-time window aggregation, whose watermark is the join's output watermark.
            if (after.FirstOrDefault(StateOperators.IsStateful) is { } stateful
                && (stateful is not AggregateSpec { Window: { IsProcessingTime: false } } || after.Count(StateOperators.IsStateful) > 1))
                return stateful is AggregateSpec { Window: { IsProcessingTime: false } }
                    ? "more than one stateful operator after a stream-stream join"
                    : Describe(stateful) + " after a stream-stream join (an event-time window aggregation is compiled there)";
            if (after.Any(o => o is StaticJoinSpec) || join.RightOperators.Any(o => o is StaticJoinSpec or JoinSpec))
                return "a join inside the right side of, or after, a stream-stream join";
            if (join.RightOperators.OfType<WatermarkSpec>().Any(w => w.LateRows == LateRowsPolicy.ToSink))
                return "a late-row sink on the right input of a stream-stream join";
            return null;
        }

        private static string Describe(OperatorSpec op) => op switch
        {
            AggregateSpec { Window: null } => "an aggregation without a time window",
            AggregateSpec => "a processing-time window aggregation",
            DedupSpec => "a deduplication",
            GroupStateSpec state => "keyed state (" + state.Name + ")",
            _ => op.Kind,
        };
    }
}
