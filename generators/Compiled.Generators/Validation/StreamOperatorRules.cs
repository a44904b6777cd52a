using Compiled.Diagnostics;
using Compiled.Generators.Model;
using Compiled.Generators.Parsing;

namespace Compiled.Generators.Validation
{
    /// <summary>Operators an unbounded stream cannot run (Spark SS-L1..L3, SS-A1, SS-A2): CQ1301, CQ1302, CQ1303.</summary>
    internal static class StreamOperatorRules
    {
        private const string TakeReason =
            "keeps the first rows of a result in OutputMode.Update, but a row updated later can move in or out of that limit, and Update mode cannot take back a row it has already written";
        private const string TakeAdvice =
            "Use OutputMode.Complete to keep the top rows of an aggregation, or OutputMode.Append for the first rows of the stream";
        private const string SkipReason =
            "drops the first rows of an unbounded stream, but which rows come first depends on how the input is split into batches, so a restart would skip different rows";
        private const string SkipAdvice =
            "Filter the rows with Where on a column instead";
        private const string DistinctReason =
            "is a distinct aggregate: every distinct value of every group would have to stay in state for ever, because any later row might repeat one of them";
        private const string DistinctAdvice =
            "Group by the key and the value together (GroupBy(x => (x.Key, x.Value))) and count the rows per key where the output is read";
        private const string GroupingSetsReason =
            "groups by grouping sets, which a stream cannot maintain: each level of the rollup or cube is a separate aggregation with its own state";
        private const string GroupingSetsAdvice =
            "Write one query per grouping level, each with a plain GroupBy";

        /// <summary>Adds the unsupported-operator findings of <paramref name="context"/>'s query.</summary>
        public static void Check(ValidationContext context)
        {
            string name = context.ClassName;
            int mode = context.Query.OutputMode;
            foreach (var op in context.Query.Operators)
            {
                switch (op)
                {
                    case SortSpec sort when !(sort.AfterAggregation && mode == OutputModes.Complete):
                        string advice = mode == OutputModes.Complete
                            ? "Sort after a GroupBy(...).Select(...), or sort where the sink's output is read"
                            : sort.AfterAggregation
                                ? "Switch the query to OutputMode.Complete to sort the aggregated result, or sort where the sink's output is read"
                                : "Remove the sort and order the rows where the sink's output is read (for example in ForeachBatch)";
                        context.Report(DiagnosticIds.SortOnStream, op, SyntaxParts.Call, op.Kind, name, advice);
                        break;
                    case LimitSpec { IsSkip: true }:
                        context.Report(DiagnosticIds.LimitOrOffsetOnStream, op, SyntaxParts.Call, op.Kind, name, SkipReason, SkipAdvice);
                        break;
                    case LimitSpec when mode == OutputModes.Update:
                        context.Report(DiagnosticIds.LimitOrOffsetOnStream, op, SyntaxParts.Call, op.Kind, name, TakeReason, TakeAdvice);
                        break;
                    case AggregateSpec aggregate:
                        if (aggregate.Grouping != GroupingKind.Plain)
                        {
                            context.Report(DiagnosticIds.DistinctAggregateOrGroupingSets, op, SyntaxParts.Call,
                                "GroupBy" + aggregate.Grouping, name, GroupingSetsReason, GroupingSetsAdvice);
                        }
                        foreach (var call in aggregate.Calls)
                        {
                            if (call.Kind == AggregateKind.CountDistinct)
                                context.Report(DiagnosticIds.DistinctAggregateOrGroupingSets, call, SyntaxParts.Call, "CountDistinct", name, DistinctReason, DistinctAdvice);
                        }
                        break;
                }
            }
        }
    }
}
