using Compiled.Diagnostics;
using Compiled.Generators.Model;
using Compiled.Generators.Parsing;

namespace Compiled.Generators.Validation
{
    /// <summary>
    /// Stateful operators in a chain (Spark's <c>checkStreamingQueryGlobalWatermarkLimit</c>, spark-semantics §1.4):
    /// CQ1306 when an operator that the watermark bounds is fed by one that can write rows older than the watermark.
    /// </summary>
    internal static class ChainedStateRules
    {
        /// <summary>Adds the chained-state findings of <paramref name="context"/>'s query.</summary>
        public static void Check(ValidationContext context)
        {
            var operators = context.Query.Operators;
            int mode = context.Query.OutputMode;
            OperatorSpec? emitter = null;
            bool watermarked = false;
            foreach (var op in operators)
            {
                if (op is WatermarkSpec) watermarked = true;
                if (emitter is not null && IsBoundByWatermark(op, watermarked))
                {
                    context.Report(DiagnosticIds.StatefulAfterLateEmitter, op, op is GroupStateSpec ? SyntaxParts.GroupCall : SyntaxParts.Call, context.ClassName,
                        Name(op), Name(emitter), Reason(emitter, mode));
                }
                if (emitter is null && CanEmitBehindWatermark(op, mode)) emitter = op;
            }
        }

        /// <summary>
        /// Spark's list of stateful operators the check guards: aggregations, keyed state, and deduplications whose state
        /// the watermark evicts (a deduplication kept for ever never treats a row as late).
        /// </summary>
        private static bool IsBoundByWatermark(OperatorSpec op, bool watermarked) => op switch
        {
            AggregateSpec or GroupStateSpec => true,
            DedupSpec dedup => dedup.Eviction(watermarked) != DedupEvictionKind.Never,
            _ => false,
        };

        /// <summary>An aggregation outside Append writes a group again whenever it changes, long after its rows' times passed the watermark; an event-time timeout fires for a key whose rows are that old.</summary>
        private static bool CanEmitBehindWatermark(OperatorSpec op, int mode) => op switch
        {
            AggregateSpec => mode != OutputModes.Append,
            GroupStateSpec state => state.EventTimeTimeout,
            _ => false,
        };

        private static string Reason(OperatorSpec emitter, int mode) => emitter is AggregateSpec
            ? "in OutputMode." + OutputModes.Name(mode) + " it writes a group again each time a row updates it, however old the group's rows are"
            : "an event-time timeout fires for a key after the watermark has passed its rows";

        private static string Name(OperatorSpec op) => op switch
        {
            AggregateSpec => "the aggregation",
            GroupStateSpec => "the keyed state (GroupState)",
            DedupSpec { WithinWatermark: true } => "DropDuplicatesWithinWatermark",
            DedupSpec { Key: null } => "Distinct",
            DedupSpec => "DropDuplicates",
            _ => op.Kind,
        };
    }
}
