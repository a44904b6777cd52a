using System.Linq;
using Compiled.Generators.Model;

namespace Compiled.Generators.Planning
{
    /// <summary>The stream-stream join shapes the emitters compile; the others are valid Spark but CQ0003 for now.</summary>
    internal static class StreamJoinSupport
    {
        /// <summary>What the emitters cannot compile about <paramref name="join"/> in <paramref name="query"/>, or null.</summary>
        public static string? Unsupported(QuerySpec query, JoinSpec join)
        {
            var operators = query.Operators;
            if (operators.OfType<JoinSpec>().Count() > 1) return "more than one stream-stream join in a query";
            if (join.RightSource == query.SourceIndex) return "a stream-stream join of an input with itself";
            if (operators.Any(o => o is not JoinSpec && StateOperators.IsStateful(o)) || join.RightOperators.Any(StateOperators.IsStateful))
                return "another stateful operator (aggregation, deduplication, keyed state) together with a stream-stream join";
            int at = 0;
            while (!ReferenceEquals(operators[at], join)) at++;
            if (operators.Skip(at + 1).Any(o => o is StaticJoinSpec) || join.RightOperators.Any(o => o is StaticJoinSpec or JoinSpec))
                return "a join inside the right side of, or after, a stream-stream join";
            if (join.RightOperators.OfType<WatermarkSpec>().Any(w => w.LateRows == LateRowsPolicy.ToSink))
                return "a late-row sink on the right input of a stream-stream join";
            return null;
        }
    }
}
