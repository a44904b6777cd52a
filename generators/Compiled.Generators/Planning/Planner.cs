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
            var operators = query.Operators;
            int aggregateAt = -1;
            for (int i = 0; i < operators.Count; i++)
            {
                if (operators[i] is AggregateSpec) aggregateAt = i;
            }
            var aggregate = aggregateAt >= 0 ? (AggregateSpec)operators[aggregateAt] : null;
            var before = aggregateAt >= 0 ? operators.Take(aggregateAt) : operators;
            var source = Fuse(before, out bool spanAtEnd);

            bool aggregateFromSpan = false;
            if (spanAtEnd)
            {
                aggregateFromSpan = aggregate is not null && CanAggregateSpan(aggregate);
                if (!aggregateFromSpan) source.Add(new Stage(StageKind.Materialize, null));
            }
            var after = Fuse(aggregateAt >= 0 ? operators.Skip(aggregateAt + 1) : Enumerable.Empty<OperatorSpec>(), out bool afterSpan);
            if (afterSpan) after.Add(new Stage(StageKind.Materialize, null));

            var states = StateOperators.Of(query);
            var write = aggregate is null ? ChooseWrite(query, source) : SourceWrite.Append;
            return new PhysicalPlan(query, source.ToEquatableArray(), write, aggregate, aggregateFromSpan, after.ToEquatableArray(),
                Describe(query), PlanFingerprint(query, states), states);
        }

        /// <summary>Stages for a run of stateless operators; split words stay spans while each next step has a span form.</summary>
        internal static List<Stage> Fuse(IEnumerable<OperatorSpec> operators, out bool spanAtEnd)
        {
            var stages = new List<Stage>();
            bool span = false;
            foreach (var op in operators)
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
                        stages.Add(new Stage(op is FilterSpec ? StageKind.Filter : StageKind.Map, op));
                        break;
                }
            }
            spanAtEnd = span;
            return stages;
        }

        /// <summary>How a stateless plan's input loop writes: see <see cref="SourceWrite"/> for each choice's conditions.</summary>
        private static SourceWrite ChooseWrite(QuerySpec query, List<Stage> stages)
        {
            // Span stages only follow a split, which may write many rows per input row.
            if (!stages.All(s => s.Kind is StageKind.Filter or StageKind.Map)) return SourceWrite.Append;
            int firstFilter = stages.FindIndex(s => s.Kind == StageKind.Filter);
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
            JoinSpec join => "StreamStreamJoin(" + join.JoinKind + " on " + join.LeftKey.Display + " = " + join.RightKey.Display
                + (join.Condition is null ? string.Empty : " where " + join.Condition.Display) + ")",
            StaticJoinSpec join => "StaticJoin(" + join.JoinKind + (join.TableOnLeft ? ", table on the left" : string.Empty) + " on " + join.StreamKey.Display + " = " + join.TableKey.Display + ")",
            WatermarkSpec watermark => "Watermark(" + watermark.EventTime.Display + ", delay " + watermark.DelayMs.ToString(System.Globalization.CultureInfo.InvariantCulture) + " ms)",
            _ => op.Kind,
        };
    }
}
