using System.Collections.Generic;
using System.Linq;
using Compiled.Generators.Model;
using Compiled.Generators.Parsing;

namespace Compiled.Generators.Validation
{
    /// <summary>
    /// Runs every validation pass over a parsed query. The analyzers report what this returns; the generator compiles a
    /// query only when it returns no error. One function, so the two can never disagree.
    /// </summary>
    internal static class QueryValidation
    {
        /// <summary>The findings of every pass, in pass order.</summary>
        public static List<Finding> Run(QuerySpec query, QuerySyntax syntax)
        {
            var findings = new List<Finding>();
            var context = new ValidationContext(query, syntax, findings);
            OutputModeRules.Check(context);
            EventTimeRules.Check(context);
            StreamOperatorRules.Check(context);
            StateTypeRules.Check(context);
            ChainedStateRules.Check(context);
            DedupRules.Check(context);
            GroupStateRules.Check(context);
            JoinRules.Check(context);
            return findings;
        }

        /// <summary>True when <paramref name="findings"/> hold an error (warnings do not stop a query).</summary>
        public static bool HasErrors(IEnumerable<Finding> findings) => findings.Any(f => !f.IsWarning);
    }

    /// <summary>What each pass reads and where it writes.</summary>
    internal sealed class ValidationContext
    {
        /// <summary>Creates a context.</summary>
        public ValidationContext(QuerySpec query, QuerySyntax syntax, List<Finding> findings)
        {
            Query = query;
            Syntax = syntax;
            Findings = findings;
        }

        /// <summary>The query.</summary>
        public QuerySpec Query { get; }

        /// <summary>Where its nodes were written.</summary>
        public QuerySyntax Syntax { get; }

        /// <summary>The findings so far.</summary>
        public List<Finding> Findings { get; }

        /// <summary>The class name, as messages quote it (what the user sees in the editor).</summary>
        public string ClassName => Query.Owner.Containers[Query.Owner.Containers.Count - 1].Name;

        /// <summary>The first aggregation and its position in the chain, or null.</summary>
        public (AggregateSpec Aggregate, int Index)? Aggregate
        {
            get
            {
                for (int i = 0; i < Query.Operators.Count; i++)
                {
                    if (Query.Operators[i] is AggregateSpec aggregate) return (aggregate, i);
                }
                return null;
            }
        }

        /// <summary>The watermarks declared before position <paramref name="end"/> of the chain.</summary>
        public IEnumerable<WatermarkSpec> WatermarksBefore(int end) => Query.Operators.Take(end).OfType<WatermarkSpec>();

        /// <summary>Adds a finding at <paramref name="part"/> of <paramref name="node"/>.</summary>
        public void Report(string id, object node, string part, params string[] arguments) =>
            Findings.Add(new Finding(id, Syntax.Get(node, part), arguments));
    }
}
