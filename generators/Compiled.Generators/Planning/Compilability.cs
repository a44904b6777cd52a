using Compiled.Diagnostics;
using Compiled.Generators.Model;
using Compiled.Generators.Parsing;

namespace Compiled.Generators.Planning
{
    /// <summary>
    /// Valid queries the emitters cannot compile yet. Each becomes CQ0003 with an uncallable <c>Start</c>, never code
    /// that fails to build: event time is modelled and validated, while its emission is being written.
    /// </summary>
    internal static class Compilability
    {
        /// <summary>CQ0003 on the first event-time operator of <paramref name="query"/>, or null when every operator is compiled.</summary>
        public static DiagnosticInfo? NotCompiledYet(QuerySpec query, QuerySyntax syntax)
        {
            foreach (var op in query.Operators)
            {
                string? what = op switch
                {
                    WatermarkSpec => "WithWatermark (event time is not compiled yet)",
                    AggregateSpec { Window: { } window } => "Window." + window.Kind + " (windowed aggregations are not compiled yet)",
                    _ => null,
                };
                if (what is null) continue;
                object at = op is AggregateSpec { Window: { } w } ? w : op;
                return new DiagnosticInfo(DiagnosticIds.UnsupportedOperator, LocationInfo.From(syntax.Get(at)),
                    new[] { query.QueryName, what }.ToEquatableArray());
            }
            return null;
        }
    }
}
