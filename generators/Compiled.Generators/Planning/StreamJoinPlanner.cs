using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Compiled.Generators.Model;

namespace Compiled.Generators.Planning
{
    /// <summary>Plans a query with a stream-stream join: left stages, right stages, the join's state operator, stages after it, and a window aggregation fed by the joined rows.</summary>
    internal static class StreamJoinPlanner
    {
        /// <summary>The operator id of the state of the join numbered <paramref name="ordinal"/> in chain order: <c>join0</c>, <c>join1</c>.</summary>
        public static string OperatorId(int ordinal) => "join" + ordinal.ToString(CultureInfo.InvariantCulture);

        /// <summary>The plan of <paramref name="query"/> when it has a stream-stream join; null otherwise.</summary>
        public static PhysicalPlan? Plan(QuerySpec query)
        {
            int at = -1, second = -1;
            for (int i = 0; i < query.Operators.Count; i++)
            {
                if (query.Operators[i] is not JoinSpec) continue;
                if (at < 0) at = i;
                else second = i;
            }
            if (at < 0) return null;
            if (second >= 0) return PlanTwo(query, at, second);
            var join = (JoinSpec)query.Operators[at];
            var left = Planner.Fuse(Stateless(query.Operators.Take(at)), out bool leftSpan);
            if (leftSpan) left.Add(new Stage(StageKind.Materialize, null));
            var right = Planner.Fuse(Stateless(join.RightOperators), out bool rightSpan);
            if (rightSpan) right.Add(new Stage(StageKind.Materialize, null));
            // A window aggregation after the join starts a segment of its own, as after an input loop; the deduplications
            // before it are stages of the joined rows, with their state operators.
            var rest = query.Operators.Skip(at + 1).ToList();
            var downstream = StateOperators.Of(query);
            var withStates = new List<(OperatorSpec, StateOperatorPlan?)>();
            int state = 0;
            foreach (var op in rest) withStates.Add((op, StateOperators.IsStateful(op) ? downstream[state++] : null));
            int aggregateAt = rest.FindIndex(o => o is AggregateSpec);
            var after = Planner.Fuse(aggregateAt < 0 ? withStates : withStates.Take(aggregateAt), out bool afterSpan);
            if (afterSpan) after.Add(new Stage(StageKind.Materialize, null));
            var segments = new List<PlanSegment> { new PlanSegment(null, null, left.ToEquatableArray()) };
            if (aggregateAt >= 0)
            {
                var afterAggregate = Planner.Fuse(Stateless(rest.Skip(aggregateAt + 1)), out bool aggregateSpan);
                if (aggregateSpan) afterAggregate.Add(new Stage(StageKind.Materialize, null));
                segments.Add(new PlanSegment(rest[aggregateAt], withStates[aggregateAt].Item2, afterAggregate.ToEquatableArray()));
            }
            var states = new[] { State(join, 0) }.Concat(downstream).ToEquatableArray();
            return new PhysicalPlan(query, segments.ToEquatableArray(), SourceWrite.Append, false, Planner.Describe(query),
                Planner.PlanFingerprint(query, states), states)
            {
                StreamJoin = new StreamJoinPlan(join, right.ToEquatableArray(), after.ToEquatableArray()),
            };
        }

        /// <summary>
        /// Two inner joins, <c>(a join b) join c</c>: the first join's rows run through the stages between the joins into the
        /// second join's left side, and <c>c</c>'s loop probes them (<see cref="StreamJoinSupport"/> allows no stateful operator).
        /// </summary>
        private static PhysicalPlan PlanTwo(QuerySpec query, int at, int second)
        {
            var first = (JoinSpec)query.Operators[at];
            var next = (JoinSpec)query.Operators[second];
            var left = Fused(query.Operators.Take(at));
            var states = new[] { State(first, 0), State(next, 1) }.ToEquatableArray();
            var segments = new[] { new PlanSegment(null, null, left) }.ToEquatableArray();
            var then = new StreamJoinPlan(next, Fused(next.RightOperators), Fused(query.Operators.Skip(second + 1)));
            return new PhysicalPlan(query, segments, SourceWrite.Append, false, Planner.Describe(query), Planner.PlanFingerprint(query, states), states)
            {
                StreamJoin = new StreamJoinPlan(first, Fused(first.RightOperators), Fused(query.Operators.Skip(at + 1).Take(second - at - 1))) { Then = then },
            };
        }

        /// <summary>Stateless operators as fused stages ending with a materialised row.</summary>
        private static ImmutableEquatableArray<Stage> Fused(IEnumerable<OperatorSpec> operators)
        {
            var stages = Planner.Fuse(Stateless(operators), out bool span);
            if (span) stages.Add(new Stage(StageKind.Materialize, null));
            return stages.ToEquatableArray();
        }

        /// <summary>Operators before a join, on its right side and after the aggregation after it hold no state (<see cref="StreamJoinSupport"/> refuses the others).</summary>
        private static System.Collections.Generic.IEnumerable<(OperatorSpec, StateOperatorPlan?)> Stateless(System.Collections.Generic.IEnumerable<OperatorSpec> operators) =>
            operators.Select(o => (o, (StateOperatorPlan?)null));

        private static StateOperatorPlan State(JoinSpec join, int ordinal)
        {
            var range = join.TimeRange;
            string schema = "join|kind=" + join.JoinKind + "|key=" + join.KeyType.SchemaName + "|left=" + join.LeftType.SchemaName
                + "|right=" + join.RightType.SchemaName
                + "|range=" + (range is null ? "none" : Ms(range.LowerMs) + "," + Ms(range.UpperMs));
            string fingerprint = Fingerprint.Of(schema);
            string name = "StreamStreamJoin(" + join.JoinKind + " on " + join.LeftKey.Display + " = " + join.RightKey.Display + ")";
            string id = OperatorId(ordinal);
            var stores = new[] { new StateStorePlan(id, schema, fingerprint) }.ToEquatableArray();
            // With a range the watermark evicts rows (and writes unmatched outer rows): a batch without data may be due.
            bool evicts = range is not null;
            return new StateOperatorPlan(id, name, fingerprint, schema, stores, StateEmission.Final, evicts, NeedsNoDataBatch: evicts);
        }

        private static string Ms(long value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
