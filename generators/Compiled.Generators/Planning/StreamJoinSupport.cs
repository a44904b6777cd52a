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
            var joins = operators.OfType<JoinSpec>().ToList();
            if (joins.Count > 2) return "more than two stream-stream joins in a query";
            if (joins.Count == 2) return TwoJoins(query, joins[0], joins[1]);
            int at = 0;
            while (!ReferenceEquals(operators[at], join)) at++;
            // A self-join reads one input twice; the engine keeps one watermark per input, so both sides must agree on it.
            var leftWatermarks = operators.Take(at).OfType<WatermarkSpec>().Select(w => (w.EventTimeMember, w.DelayMs)).ToList();
            var rightWatermarks = join.RightOperators.OfType<WatermarkSpec>().Select(w => (w.EventTimeMember, w.DelayMs)).ToList();
            if (join.RightSource == query.SourceIndex && leftWatermarks.Count > 0 && rightWatermarks.Count > 0 && !leftWatermarks.SequenceEqual(rightWatermarks))
                return "a self-join whose two sides declare different watermarks on the same input (declare the same WithWatermark on both)";
            if (operators.Take(at).Any(StateOperators.IsStateful) || join.RightOperators.Any(StateOperators.IsStateful))
                return "a stateful operator (aggregation, deduplication, keyed state) before a stream-stream join";
            var after = operators.Skip(at + 1).ToList();
            // The joined rows feed deduplications whose state the watermark never evicts, then at most one event-time
            // window aggregation, whose watermark is the join's output watermark.
            bool aggregated = false;
            foreach (var op in after.Where(StateOperators.IsStateful))
            {
                string? refused = op switch
                {
                    _ when aggregated => "a stateful operator after the aggregation after a stream-stream join",
                    AggregateSpec { Window: { IsProcessingTime: false } } => null,
                    DedupSpec { WithinWatermark: false, EventTimeInKey: false } => null,
                    _ => Describe(op) + " after a stream-stream join (a deduplication whose key holds no event time and an event-time window aggregation are compiled there)",
                };
                if (refused is not null) return refused;
                aggregated |= op is AggregateSpec;
            }
            if (after.Any(o => o is StaticJoinSpec) || join.RightOperators.Any(o => o is StaticJoinSpec or JoinSpec))
                return "a join inside the right side of, or after, a stream-stream join";
            if (join.RightOperators.OfType<WatermarkSpec>().Any(w => w.LateRows == LateRowsPolicy.ToSink))
                return "a late-row sink on the right input of a stream-stream join";
            return null;
        }

        /// <summary>
        /// What the emitters cannot compile about <c>(a join b) join c</c>: two inner joins of three inputs, stateless steps
        /// around them. The second join evicts by the first one's output watermark; its left rows are late only when the
        /// first join has no two-sided range, so a range on the second needs one on the first.
        /// </summary>
        private static string? TwoJoins(QuerySpec query, JoinSpec first, JoinSpec second)
        {
            if (first.JoinKind != JoinKind.Inner || second.JoinKind != JoinKind.Inner)
                return "an outer or semi join in a query with two stream-stream joins (two inner joins are compiled)";
            if (first.RightSource == query.SourceIndex || second.RightSource == query.SourceIndex || second.RightSource == first.RightSource)
                return "a self-join in a query with two stream-stream joins (three different inputs are compiled)";
            var all = query.Operators.Concat(first.RightOperators).Concat(second.RightOperators).ToList();
            if (all.Any(StateOperators.IsStateful)) return "a stateful operator (aggregation, deduplication, keyed state) in a query with two stream-stream joins";
            if (all.Any(o => o is StaticJoinSpec or SetOperationSpec)) return "a static join or a union in a query with two stream-stream joins";
            if (first.RightOperators.Concat(second.RightOperators).Any(o => o is JoinSpec)) return "a join inside the right side of a stream-stream join";
            if (all.OfType<WatermarkSpec>().Any(w => w.LateRows == LateRowsPolicy.ToSink)) return "a late-row sink in a query with two stream-stream joins";
            if (second.TimeRange is not null && !IsBounded(first.TimeRange))
                return "a time range on the second of two stream-stream joins without a two-sided one on the first (the first join's rows would have no watermark to follow)";
            return null;
        }

        private static bool IsBounded(TimeRangeSpec? range) => range is not null && range.LowerMs != long.MinValue && range.UpperMs != long.MaxValue;

        private static string Describe(OperatorSpec op) => op switch
        {
            AggregateSpec { Window: null } => "an aggregation without a time window",
            AggregateSpec => "a processing-time window aggregation",
            DedupSpec { WithinWatermark: true } => "DropDuplicatesWithinWatermark",
            DedupSpec => "a deduplication whose key holds the event time",
            GroupStateSpec state => "keyed state (" + state.Name + ")",
            _ => op.Kind,
        };
    }
}
