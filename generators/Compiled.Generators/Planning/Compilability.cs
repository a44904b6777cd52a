using Compiled.Diagnostics;
using Compiled.Generators.Model;
using Compiled.Generators.Parsing;

namespace Compiled.Generators.Planning
{
    /// <summary>
    /// Valid queries the emitters cannot compile yet. Each becomes CQ0003 with an uncallable <c>Start</c>, never code
    /// that fails to build: sorting, limits and deduplication are valid on streams in some modes but not compiled.
    /// </summary>
    internal static class Compilability
    {
        /// <summary>CQ0003 on the first operator of <paramref name="query"/> the emitters lack, or null when every operator is compiled.</summary>
        public static DiagnosticInfo? NotCompiledYet(QuerySpec query, QuerySyntax syntax)
        {
            OperatorSpec? breaker = null;
            foreach (var op in query.Operators)
            {
                string? what = op switch
                {
                    SortSpec or LimitSpec => op.Kind,
                    DedupSpec => "Distinct",
                    // The planner chains any number of them; the emitters write one grouping loop after the input loop.
                    _ when StateOperators.IsBreaker(op) && breaker is not null => op.Kind + " after " + breaker.Kind + " (one grouping stateful operator per query)",
                    _ => null,
                };
                if (StateOperators.IsBreaker(op)) breaker = op;
                if (what is null) continue;
                return new DiagnosticInfo(DiagnosticIds.UnsupportedOperator, LocationInfo.From(syntax.Get(op)),
                    new[] { query.QueryName, what }.ToEquatableArray());
            }
            return null;
        }
    }
}
