using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Compiled.Generators.Model;

namespace Compiled.Generators.Planning
{
    /// <summary>
    /// Each stateful node of a query becomes a state operator: its id, stores, schema fingerprint and emission rules,
    /// which feed <c>QueryPlanInfo</c> and tell the engine when a batch without new rows is worth running.
    /// </summary>
    internal static class StateOperators
    {
        /// <summary>True for an operator that keeps state across batches and so gets a state operator.</summary>
        public static bool IsStateful(OperatorSpec op) => op is AggregateSpec or DedupSpec or GroupStateSpec;

        /// <summary>
        /// True for a stateful operator that groups the batch's rows before it writes any (a pipeline breaker): the rows
        /// after it run in a loop of their own. A deduplication passes or drops each row as it comes, inside the loop.
        /// </summary>
        public static bool IsBreaker(OperatorSpec op) => op is AggregateSpec or GroupStateSpec;

        /// <summary>The state operators of <paramref name="query"/>, in chain order; ids number each kind from 0.</summary>
        public static ImmutableEquatableArray<StateOperatorPlan> Of(QuerySpec query)
        {
            var plans = new List<StateOperatorPlan>();
            var ordinals = new Dictionary<string, int>();
            bool watermarked = false;
            foreach (var op in query.Operators)
            {
                // A stream-stream join's or a union's output is watermarked when either of its inputs is.
                if (op is WatermarkSpec || op is JoinSpec join && join.RightOperators.Any(o => o is WatermarkSpec)
                    || op is SetOperationSpec union && union.OtherOperators.Any(o => o is WatermarkSpec)) watermarked = true;
                if (!IsStateful(op)) continue;
                ordinals.TryGetValue(op.Kind, out int ordinal);
                ordinals[op.Kind] = ordinal + 1;
                string id = op.Kind.ToLowerInvariant() + ordinal.ToString(CultureInfo.InvariantCulture);
                plans.Add(op switch
                {
                    AggregateSpec aggregate => Aggregate(aggregate, id, query.OutputMode, watermarked),
                    DedupSpec dedup => Dedup(dedup, id, watermarked),
                    GroupStateSpec state => GroupState(state, id),
                    _ => throw new System.InvalidOperationException("No state operator plan for " + op.Kind + "."),
                });
            }
            return plans.ToEquatableArray();
        }

        /// <summary>
        /// A deduplication keeps each key it has seen. Its state is evicted by the watermark only when the key holds the
        /// watermarked event time (each key then stays until the watermark passes it) or for DropDuplicatesWithinWatermark
        /// (each key stays until the watermark passes its first row's event time plus the delay); otherwise it grows for ever.
        /// </summary>
        private static StateOperatorPlan Dedup(DedupSpec dedup, string id, bool watermarked)
        {
            var eviction = dedup.Eviction(watermarked);
            string schema = "dedup|key=" + dedup.KeyType.SchemaName + NullKeyMarker(dedup.KeyType) + "|evict=" + eviction.ToString().ToLowerInvariant();
            string name = DedupName(dedup);
            string fingerprint = Fingerprint.Of(schema);
            bool evicts = eviction != DedupEvictionKind.Never;
            var stores = new[] { new StateStorePlan(id, schema, fingerprint) }.ToEquatableArray();
            return new StateOperatorPlan(id, name, fingerprint, schema, stores, StateEmission.Changed, evicts, NeedsNoDataBatch: evicts);
        }

        /// <summary>Keyed state keeps each key's state and timeout; a timeout makes batches without rows worth running.</summary>
        private static StateOperatorPlan GroupState(GroupStateSpec state, string id)
        {
            string schema = "groupstate|key=" + state.KeyType.SchemaName + NullKeyMarker(state.KeyType) + "|state=" + state.StateType.SchemaName
                + "|timeout=" + state.Timeout.ToString(CultureInfo.InvariantCulture) + (state.IsUpdateStateByKey ? "|every-key" : string.Empty);
            string name = state.Name + "(" + state.Function.Display + ")";
            string fingerprint = Fingerprint.Of(schema);
            var stores = new[] { new StateStorePlan(id, schema, fingerprint) }.ToEquatableArray();
            var emission = state.OperatorMode == OutputModes.Append ? StateEmission.Final : StateEmission.Changed;
            return new StateOperatorPlan(id, name, fingerprint, schema, stores, emission, state.EventTimeTimeout, NeedsNoDataBatch: state.Timeout != 0 || state.IsUpdateStateByKey);
        }

        /// <summary>Marks a key that may be null, which the store keeps with a presence flag (a layout of its own).</summary>
        private static string NullKeyMarker(TypeSpec key) => key.AdmitsNull ? "|nullable" : string.Empty;

        /// <summary>A deduplication as written, e.g. <c>DropDuplicates(c =&gt; c.Id)</c> or <c>Distinct()</c>.</summary>
        public static string DedupName(DedupSpec dedup) => dedup.Key is null ? "Distinct()"
            : (dedup.WithinWatermark ? "DropDuplicatesWithinWatermark(" : "DropDuplicates(") + dedup.Key.Display + ")";

        private static StateOperatorPlan Aggregate(AggregateSpec aggregate, string id, int outputMode, bool watermarked)
        {
            var calls = aggregate.Calls.Select(c => c.Kind.ToString().ToLowerInvariant()
                + (c.ValueType is null ? string.Empty : ":" + c.ValueType.SchemaName));
            // An all-time aggregation keeps the schema text it had before windows existed, so old checkpoints still match.
            string schema = "aggregate|key=" + aggregate.KeyType.SchemaName + "|values=" + string.Join(",", calls)
                + (aggregate.Window is { } window ? "|window=" + WindowSchema(window) : string.Empty);
            string name = "Aggregate(" + string.Join(", ", aggregate.Calls.Select(c => c.Kind.ToString()))
                + " by " + aggregate.Key.Display + ")";
            string fingerprint = Fingerprint.Of(schema);
            var emission = outputMode switch
            {
                OutputModes.Append => StateEmission.Final,
                OutputModes.Update => StateEmission.Changed,
                _ => StateEmission.All,
            };
            // Spark keeps every window in Complete mode; otherwise a window whose end passed the watermark is closed.
            bool timed = aggregate.Window is { } w && (w.IsProcessingTime || watermarked);
            bool evicts = timed && emission != StateEmission.All;
            var stores = new[] { new StateStorePlan(id, schema, fingerprint) }.ToEquatableArray();
            return new StateOperatorPlan(id, name, fingerprint, schema, stores, emission, evicts, NeedsNoDataBatch: evicts);
        }

        /// <summary>What a window's state layout depends on: its function and constant lengths.</summary>
        private static string WindowSchema(WindowSpec window) =>
            window.Kind.ToString().ToLowerInvariant()
            + (window.IsProcessingTime ? "(processing-time" : "(" + window.TimeKind)
            + ",size=" + Ms(window.SizeMs) + ",slide=" + Ms(window.SlideMs) + ",offset=" + Ms(window.OffsetMs)
            + ",gap=" + (window.Gap is null ? Ms(window.GapMs) : "per-row") + ",at=" + window.KeyPosition.ToString(CultureInfo.InvariantCulture) + ")"
            // Tumbling and sliding state is kept as chunks of window (pane) tables, not one entry per window and key: a
            // checkpoint of the older layout is refused by its fingerprint rather than misread.
            + (window.Kind == WindowKind.Session ? string.Empty : ",layout=chunks");

        private static string Ms(long value) => value.ToString(CultureInfo.InvariantCulture);
    }

}
