using Compiled.Diagnostics;
using Compiled.Generators.Model;
using Compiled.Generators.Parsing;

namespace Compiled.Generators.Planning
{
    /// <summary>
    /// Valid queries the emitters cannot compile yet. Each becomes CQ0003 with an uncallable <c>Start</c>, never code
    /// that fails to build: sorting and limits are valid on streams in some modes but not compiled.
    /// </summary>
    internal static class Compilability
    {
        /// <summary>CQ0003 on the first operator of <paramref name="query"/> the emitters lack, or null when every operator is compiled.</summary>
        public static DiagnosticInfo? NotCompiledYet(QuerySpec query, QuerySyntax syntax)
        {
            OperatorSpec? breaker = null;
            bool watermarked = false, watermarkInLoop = false;
            foreach (var op in query.Operators)
            {
                if (op is WatermarkSpec) watermarked = watermarkInLoop = true;
                string? what = op switch
                {
                    SortSpec or LimitSpec => op.Kind,
                    // Its key's expiry is the row's event time plus the delay, read by a watermark in the same loop.
                    DedupSpec { WithinWatermark: true } when watermarked && !watermarkInLoop =>
                        "DropDuplicatesWithinWatermark after " + breaker!.Kind + " (the rows it emits carry no watermarked event time; deduplicate before it)",
                    // The planner chains any number of them; the emitters write one grouping loop after the input loop.
                    _ when StateOperators.IsBreaker(op) && breaker is not null && ChainedAggregation.Unsupported(query, breaker, op) is { } reason => reason,
                    JoinSpec join when StreamJoinSupport.Unsupported(query, join) is { } reason => reason,
                    SetOperationSpec union when UnionPlanner.IsStreamUnion(union) && UnionPlanner.Unsupported(query, union) is { } reason => reason,
                    SetOperationSpec { Operation: "Except", OtherIsStatic: true } => "Except with a static table",
                    _ => null,
                };
                if (StateOperators.IsBreaker(op))
                {
                    breaker = op;
                    watermarkInLoop = false;
                }
                if (what is null) continue;
                return new DiagnosticInfo(DiagnosticIds.UnsupportedOperator, LocationInfo.From(syntax.Get(op)),
                    new[] { query.QueryName, what }.ToEquatableArray());
            }
            return null;
        }
    }
}
