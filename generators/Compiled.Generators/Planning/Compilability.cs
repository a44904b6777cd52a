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
            foreach (var op in query.Operators)
            {
                string? what = op switch
                {
                    SortSpec or LimitSpec => op.Kind,
                    DedupSpec => "Distinct",
                    JoinSpec join when StreamJoinSupport.Unsupported(query, join) is { } reason => reason,
                    SetOperationSpec { Operation: "Union", OtherIsStatic: false } => "Union of two streams",
                    SetOperationSpec { Operation: "Except", OtherIsStatic: true } => "Except with a static table",
                    _ => null,
                };
                if (what is null) continue;
                return new DiagnosticInfo(DiagnosticIds.UnsupportedOperator, LocationInfo.From(syntax.Get(op)),
                    new[] { query.QueryName, what }.ToEquatableArray());
            }
            return null;
        }
    }
}
