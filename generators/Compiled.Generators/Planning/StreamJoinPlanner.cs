using System.Globalization;
using System.Linq;
using Compiled.Generators.Model;

namespace Compiled.Generators.Planning
{
    /// <summary>Plans a query with a stream-stream join: left stages, right stages, the join's state operator, stages after it.</summary>
    internal static class StreamJoinPlanner
    {
        /// <summary>The operator id of the join's state.</summary>
        public const string OperatorId = "join0";

        /// <summary>The plan of <paramref name="query"/> when it has a stream-stream join; null otherwise.</summary>
        public static PhysicalPlan? Plan(QuerySpec query)
        {
            int at = -1;
            for (int i = 0; i < query.Operators.Count; i++)
            {
                if (query.Operators[i] is JoinSpec) at = i;
            }
            if (at < 0) return null;
            var join = (JoinSpec)query.Operators[at];
            var left = Planner.Fuse(Stateless(query.Operators.Take(at)), out bool leftSpan);
            if (leftSpan) left.Add(new Stage(StageKind.Materialize, null));
            var right = Planner.Fuse(Stateless(join.RightOperators), out bool rightSpan);
            if (rightSpan) right.Add(new Stage(StageKind.Materialize, null));
            var after = Planner.Fuse(Stateless(query.Operators.Skip(at + 1)), out bool afterSpan);
            if (afterSpan) after.Add(new Stage(StageKind.Materialize, null));
            var states = new[] { State(join) }.ToEquatableArray();
            var segments = new[] { new PlanSegment(null, null, left.ToEquatableArray()) }.ToEquatableArray();
            return new PhysicalPlan(query, segments, SourceWrite.Append, false, Planner.Describe(query), Planner.PlanFingerprint(query, states), states)
            {
                StreamJoin = new StreamJoinPlan(join, right.ToEquatableArray(), after.ToEquatableArray()),
            };
        }

        /// <summary>Operators around a join hold no state of their own (<see cref="StreamJoinSupport"/> refuses the others).</summary>
        private static System.Collections.Generic.IEnumerable<(OperatorSpec, StateOperatorPlan?)> Stateless(System.Collections.Generic.IEnumerable<OperatorSpec> operators) =>
            operators.Select(o => (o, (StateOperatorPlan?)null));

        private static StateOperatorPlan State(JoinSpec join)
        {
            var range = join.TimeRange;
            string schema = "join|kind=" + join.JoinKind + "|key=" + join.KeyType.SchemaName + "|left=" + join.LeftType.SchemaName
                + "|right=" + join.RightType.SchemaName
                + "|range=" + (range is null ? "none" : Ms(range.LowerMs) + "," + Ms(range.UpperMs));
            string fingerprint = Fingerprint.Of(schema);
            string name = "StreamStreamJoin(" + join.JoinKind + " on " + join.LeftKey.Display + " = " + join.RightKey.Display + ")";
            var stores = new[] { new StateStorePlan(OperatorId, schema, fingerprint) }.ToEquatableArray();
            // With a range the watermark evicts rows (and writes unmatched outer rows): a batch without data may be due.
            bool evicts = range is not null;
            return new StateOperatorPlan(OperatorId, name, fingerprint, schema, stores, StateEmission.Final, evicts, NeedsNoDataBatch: evicts);
        }

        private static string Ms(long value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
