using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Compiled.Generators.Model;

namespace Compiled.Generators.Planning
{
    /// <summary>Stage 2: logical operators to fused loops, choosing where rows can stay spans.</summary>
    internal static class Planner
    {
        /// <summary>Plans <paramref name="query"/>.</summary>
        public static PhysicalPlan Plan(QuerySpec query, CancellationToken cancellationToken)
        {
            if (StreamJoinPlanner.Plan(query) is { } joined) return joined;
            if (UnionPlanner.Plan(query) is { } union) return union;
            var states = StateOperators.Of(query);
            var runs = Split(query.Operators, states);
            var segments = new List<PlanSegment>(runs.Count);
            bool aggregateFromSpan = false;
            for (int i = 0; i < runs.Count; i++)
            {
                var stages = Fuse(runs[i].Operators, out bool spanAtEnd);
                if (spanAtEnd)
                {
                    // Only the source loop can hand a span to the next breaker, and only an aggregation can take one.
                    bool toAggregate = i == 0 && i + 1 < runs.Count && runs[i + 1].Breaker is AggregateSpec next && CanAggregateSpan(next);
                    aggregateFromSpan |= toAggregate;
                    if (!toAggregate) stages.Add(new Stage(StageKind.Materialize, null));
                }
                segments.Add(new PlanSegment(runs[i].Breaker, runs[i].State, stages.ToEquatableArray()));
            }
            var write = segments.Count == 1 ? ChooseWrite(query, segments[0].Stages) : SourceWrite.Append;
            return new PhysicalPlan(query, segments.ToEquatableArray(), write, aggregateFromSpan,
                Describe(query), PlanFingerprint(query, states), states);
        }

        /// <summary>One segment's operators before fusing: the breaker that starts it and the operators up to the next one.</summary>
        private sealed class Run
        {
            public Run(OperatorSpec? breaker, StateOperatorPlan? state)
            {
                Breaker = breaker;
                State = state;
            }

            public OperatorSpec? Breaker { get; }

            public StateOperatorPlan? State { get; }

            /// <summary>Each operator with its state operator, for the stateful ones that run as a stage.</summary>
            public List<(OperatorSpec Operator, StateOperatorPlan? State)> Operators { get; } = new List<(OperatorSpec, StateOperatorPlan?)>();
        }

        /// <summary>Cuts the chain at each pipeline breaker; <paramref name="states"/> are in the same order as the chain's stateful operators.</summary>
        private static List<Run> Split(ImmutableEquatableArray<OperatorSpec> operators, ImmutableEquatableArray<StateOperatorPlan> states)
        {
            var runs = new List<Run> { new Run(null, null) };
            int state = 0;
            foreach (var op in operators)
            {
                var plan = StateOperators.IsStateful(op) ? states[state++] : null;
                if (StateOperators.IsBreaker(op)) runs.Add(new Run(op, plan));
                else runs[runs.Count - 1].Operators.Add((op, plan));
            }
            return runs;
        }

        /// <summary>Stages for a run of operators that do not group; split words stay spans while each next step has a span form.</summary>
        internal static List<Stage> Fuse(IEnumerable<(OperatorSpec Operator, StateOperatorPlan? State)> operators, out bool spanAtEnd)
        {
            var stages = new List<Stage>();
            bool span = false;
            foreach (var (op, state) in operators)
            {
                switch (op)
                {
                    case WatermarkSpec:
                        // Reads the event time where WithWatermark sits: rows filtered out before it are not seen.
                        stages.Add(new Stage(StageKind.Watermark, op));
                        break;
                    case FilterSpec filter when span && filter.Predicate.SpanBody is not null:
                        stages.Add(new Stage(StageKind.SpanFilter, op));
                        break;
                    case MapSpec map when span && map.SpanMap != StringMapKind.None:
                        stages.Add(new Stage(StageKind.SpanMap, op));
                        break;
                    case FlatMapSpec { Split.ReceiverIsRow: true } when span:
                        stages.Add(new Stage(StageKind.SpanSplit, op));
                        break;
                    case StaticJoinSpec:
                        if (span) stages.Add(new Stage(StageKind.Materialize, null));
                        span = false;
                        stages.Add(new Stage(StageKind.StaticJoin, op));
                        break;
                    case FlatMapSpec flatMap:
                        if (span) stages.Add(new Stage(StageKind.Materialize, null));
                        span = flatMap.Split is not null;
                        stages.Add(new Stage(span ? StageKind.Split : StageKind.FlatMap, op));
                        break;
                    default:
                        if (span) stages.Add(new Stage(StageKind.Materialize, null));
                        span = false;
                        var kind = op switch
                        {
                            FilterSpec => StageKind.Filter,
                            DedupSpec => StageKind.Dedup,
                            _ => StageKind.Map,
                        };
                        stages.Add(new Stage(kind, op, state));
                        break;
                }
            }
            spanAtEnd = span;
            return stages;
        }

        /// <summary>How a stateless plan's input loop writes: see <see cref="SourceWrite"/> for each choice's conditions.</summary>
        private static SourceWrite ChooseWrite(QuerySpec query, IReadOnlyList<Stage> stages)
        {
            // Span stages only follow a split, which may write many rows per input row.
            if (!stages.All(s => s.Kind is StageKind.Filter or StageKind.Map)) return SourceWrite.Append;
            int firstFilter = stages.ToList().FindIndex(s => s.Kind == StageKind.Filter);
            bool branchFree = firstFilter >= 0 && query.OutputType.IsUnmanaged
                && stages.Skip(firstFilter + 1).All(s => Lambda(s).CanSpeculate);
            return branchFree ? SourceWrite.BranchFree : SourceWrite.Reserved;
        }

        /// <summary>The lambda a filter or map stage runs.</summary>
        private static LambdaSpec Lambda(Stage stage) =>
            stage.Operator is FilterSpec filter ? filter.Predicate : ((MapSpec)stage.Operator!).Selector;

        /// <summary>A span row can feed the aggregation when it is the key itself and every aggregate reads it as a span.</summary>
        private static bool CanAggregateSpan(AggregateSpec aggregate) =>
            aggregate.KeyIsIdentity && aggregate.KeyType.Shape == TypeShape.String
            && aggregate.Calls.All(c => c.Argument is null || c.Argument.SpanBody is not null);

        /// <summary>
        /// What a checkpoint depends on. Stateless operators are left out: as in Spark, a filter or projection may
        /// change between restarts; inputs, output mode and state schemas may not.
        /// </summary>
        internal static string PlanFingerprint(QuerySpec query, ImmutableEquatableArray<StateOperatorPlan> states)
        {
            var text = "plan|mode=" + query.OutputMode
                + "|inputs=" + string.Join(";", query.Inputs.Select(i => i.Name + ":" + i.RowType.SchemaName))
                + "|source=" + query.SourceIndex
                + "|state=" + string.Join(";", states.Select(s => s.OperatorId + "=" + s.SchemaFingerprint))
                + "|output=" + query.OutputType.SchemaName;
            return Fingerprint.Of(text);
        }

        internal static string Describe(QuerySpec query)
        {
            var lines = new List<string> { "Source(" + query.Inputs[query.SourceIndex].Name + ")" };
            foreach (var op in query.Operators) lines.Add(OperatorText(op));
            lines.Add("Sink");
            return string.Join("\n", lines);
        }

        /// <summary>One operator as plan text, e.g. <c>Filter(e =&gt; e.Value &lt; 500)</c>.</summary>
        public static string OperatorText(OperatorSpec op) => op switch
        {
            FilterSpec filter => "Filter(" + filter.Predicate.Display + ")",
            MapSpec map => "Map(" + map.Selector.Display + ")",
            FlatMapSpec flatMap => "FlatMap(" + flatMap.Selector.Display + ")",
            AggregateSpec aggregate => "Aggregate(by " + aggregate.Key.Display + ": " + aggregate.Result.Display + ")",
            DedupSpec dedup => StateOperators.DedupName(dedup),
            JoinSpec join => "StreamStreamJoin(" + join.JoinKind + " on " + join.LeftKey.Display + " = " + join.RightKey.Display
                + (join.Condition is null ? string.Empty : " where " + join.Condition.Display) + ")",
            GroupStateSpec state => state.Name + "(by " + state.Key.Display + ": " + state.Function.Display + ")",
            StaticJoinSpec join => "StaticJoin(" + join.JoinKind + (join.TableOnLeft ? ", table on the left" : string.Empty) + " on " + join.StreamKey.Display + " = " + join.TableKey.Display + ")",
            WatermarkSpec watermark => "Watermark(" + watermark.EventTime.Display + ", delay " + watermark.DelayMs.ToString(System.Globalization.CultureInfo.InvariantCulture) + " ms)",
            _ => op.Kind,
        };
    }
}
