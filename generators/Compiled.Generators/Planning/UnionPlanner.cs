using System.Collections.Generic;
using System.Linq;
using Compiled.Generators.Model;

namespace Compiled.Generators.Planning
{
    /// <summary>
    /// Plans a query with a <c>Union</c> of two streams: each input gets a loop of its own stages, and both run on through
    /// the same stages after the union into the sink or the aggregation that follows. Stateless, as in Spark: the union
    /// keeps no state, and the query's watermark is the minimum over the inputs like for any query with several inputs.
    /// </summary>
    internal static class UnionPlanner
    {
        /// <summary>What the emitters cannot compile about <paramref name="union"/> in <paramref name="query"/>, or null.</summary>
        public static string? Unsupported(QuerySpec query, SetOperationSpec union)
        {
            var operators = query.Operators;
            if (union.OtherSource < 0) return "Union with a stream that is not an input's chain";
            if (operators.Count(IsStreamUnion) > 1) return "more than one Union of two streams in a query";
            if (union.OtherSource == query.SourceIndex) return "a Union of an input with itself";
            var all = operators.Concat(union.OtherOperators).ToList();
            if (all.Any(o => o is JoinSpec or StaticJoinSpec)) return "a join in a query with a Union of two streams";
            if (all.Any(o => o is DedupSpec)) return "a deduplication in a query with a Union of two streams";
            int at = 0;
            while (!ReferenceEquals(operators[at], union)) at++;
            if (operators.Take(at).Concat(union.OtherOperators).Any(StateOperators.IsStateful))
                return "a stateful operator before a Union of two streams";
            var after = operators.Skip(at + 1).ToList();
            if (after.Any(o => o is WatermarkSpec)) return "WithWatermark after a Union of two streams (declare it on each input before the Union)";
            if (union.OtherOperators.OfType<WatermarkSpec>().Any(w => w.LateRows == LateRowsPolicy.ToSink))
                return "a late-row sink on the other input of a Union";
            bool leftWatermarked = operators.Take(at).Any(o => o is WatermarkSpec);
            bool otherWatermarked = union.OtherOperators.Any(o => o is WatermarkSpec);
            // Late rows are dropped where an input's watermark is read: rows of an input without one would reach closed windows.
            if (leftWatermarked != otherWatermarked && after.Any(o => o is AggregateSpec { Window: { IsProcessingTime: false } }))
                return "an event-time window aggregation after a Union of a watermarked and an unwatermarked stream (declare WithWatermark on both)";
            return null;
        }

        /// <summary>True for <c>Union</c> with another stream.</summary>
        public static bool IsStreamUnion(OperatorSpec op) => op is SetOperationSpec { Operation: "Union", OtherIsStatic: false };

        /// <summary>The plan of <paramref name="query"/> when it unions two streams; null otherwise.</summary>
        public static PhysicalPlan? Plan(QuerySpec query)
        {
            var operators = query.Operators;
            int at = -1;
            for (int i = 0; i < operators.Count; i++)
            {
                if (IsStreamUnion(operators[i])) at = i;
            }
            if (at < 0) return null;
            var union = (SetOperationSpec)operators[at];
            var states = StateOperators.Of(query);
            var left = Stages(operators.Take(at));
            var other = Stages(union.OtherOperators);
            var rest = operators.Skip(at + 1).ToList();
            int breakerAt = rest.FindIndex(StateOperators.IsBreaker);
            var shared = Stages(breakerAt < 0 ? rest : rest.Take(breakerAt));
            var segments = new List<PlanSegment> { new PlanSegment(null, null, left.Concat(shared).ToEquatableArray()) };
            if (breakerAt >= 0) segments.Add(new PlanSegment(rest[breakerAt], states[0], Stages(rest.Skip(breakerAt + 1)).ToEquatableArray()));
            return new PhysicalPlan(query, segments.ToEquatableArray(), SourceWrite.Append, false, Planner.Describe(query),
                Planner.PlanFingerprint(query, states), states)
            {
                Union = new UnionPlan(union, other.ToEquatableArray(), left.Count),
            };
        }

        /// <summary>Fused stages of stateless operators, ending in whole rows (a loop's rows meet another loop's after the union).</summary>
        private static List<Stage> Stages(IEnumerable<OperatorSpec> operators)
        {
            var stages = Planner.Fuse(operators.Select(o => (o, (StateOperatorPlan?)null)), out bool span);
            if (span) stages.Add(new Stage(StageKind.Materialize, null));
            return stages;
        }
    }
}
