using System.Linq;
using Compiled.Diagnostics;
using Compiled.Generators.Model;
using Compiled.Generators.Parsing;

namespace Compiled.Generators.Validation
{
    /// <summary>Keyed-state rules: CQ1104 (SS-G6) and CQ1304 (SS-P2..P4, SS-G2..G5, and UpdateStateByKey's modes).</summary>
    internal static class GroupStateRules
    {
        /// <summary>Adds the keyed-state findings of <paramref name="context"/>'s query.</summary>
        public static void Check(ValidationContext context)
        {
            var operators = context.Query.Operators;
            var states = operators.OfType<GroupStateSpec>().ToList();
            if (states.Count == 0) return;
            int mode = context.Query.OutputMode;
            string modeName = OutputModes.Name(mode);
            bool aggregates = operators.Any(op => op is AggregateSpec);
            bool watermarked = false;
            bool seenMap = false, seenFlat = false;
            foreach (var op in operators)
            {
                if (op is WatermarkSpec) watermarked = true;
                if (op is not GroupStateSpec state) continue;
                // CQ1104 (SS-G6): an event-time timeout fires when the watermark passes it; without one it never would.
                if (state.EventTimeTimeout && !watermarked)
                    context.Report(DiagnosticIds.EventTimeTimeoutWithoutWatermark, op, SyntaxParts.GroupCall, context.ClassName, state.Name);

                string? problem = null;
                if (state.IsUpdateStateByKey)
                {
                    // DStream's updateStateByKey writes every key's state each batch: Update (changed keys) or Complete (all keys).
                    if (seenMap || seenFlat)
                        problem = "a query may run only one keyed-state operator besides several FlatMapGroupsWithState in OutputMode.Append";
                    else if (mode == OutputModes.Append)
                        problem = "UpdateStateByKey rewrites a key's state in every batch, which OutputMode.Append (final rows only) cannot express; use OutputMode.Update (the keys whose state changed) or OutputMode.Complete (every key)";
                }
                else if (!state.IsFlatMap && seenMap)
                    problem = "a query may run only one MapGroupsWithState (Spark: 'Multiple mapGroupsWithStates are not supported')";
                else if ((state.IsFlatMap && seenMap) || (!state.IsFlatMap && seenFlat))
                    problem = "MapGroupsWithState and FlatMapGroupsWithState cannot be mixed in one query";
                else if (state.IsFlatMap && seenFlat && (mode != OutputModes.Append || states.Any(s => s.OperatorMode != OutputModes.Append)))
                    problem = "several FlatMapGroupsWithState need OutputMode.Append for the query and for each operator";
                else if (!state.IsFlatMap && mode != OutputModes.Update)
                    problem = "MapGroupsWithState writes a row per key each time the key changes, which only OutputMode.Update can express; the query runs in OutputMode." + modeName;
                else if (state.IsFlatMap && aggregates && state.OperatorMode == OutputModes.Update)
                    problem = "FlatMapGroupsWithState in OutputMode.Update cannot be combined with an aggregation; declare it OutputMode.Append";
                else if (state.IsFlatMap && !aggregates && state.OperatorMode != mode)
                    problem = "FlatMapGroupsWithState declares OutputMode." + OutputModes.Name(state.OperatorMode) + " but the query runs in OutputMode." + modeName + "; they must agree";
                if (problem is not null)
                    context.Report(DiagnosticIds.GroupStateModeRules, op, SyntaxParts.GroupCall, context.ClassName, state.Name, problem);
                if (state.IsFlatMap) seenFlat = true;
                else seenMap = true;
            }
        }
    }
}
