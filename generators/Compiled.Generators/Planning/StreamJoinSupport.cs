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
