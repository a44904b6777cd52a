using Compiled.Diagnostics;
using Compiled.Generators.Model;
using Compiled.Generators.Parsing;

namespace Compiled.Generators.Validation
{
    /// <summary>
    /// CQ1403: every key and value a stateful operator keeps must be a type the generator can compare and serialise.
    /// The verdict is the model's own (<see cref="TypeSpec.Problem"/>), the one the emitters rely on.
    /// </summary>
    internal static class StateTypeRules
    {
        /// <summary>Adds the state-type findings of <paramref name="context"/>'s query.</summary>
        public static void Check(ValidationContext context)
        {
            foreach (var op in context.Query.Operators)
            {
                switch (op)
                {
                    case AggregateSpec aggregate:
                        Check(context, aggregate, "The " + (aggregate.Grouping == GroupingKind.Plain ? "GroupBy" : "GroupBy" + aggregate.Grouping) + " key", aggregate.KeyType);
                        foreach (var call in aggregate.Calls)
                        {
                            if (call.Kind is AggregateKind.Min or AggregateKind.Max or AggregateKind.CountDistinct && call.ValueType is { } value)
                                Check(context, call, "The value of " + call.Kind, value);
                        }
                        break;
                    case DedupSpec dedup:
                        string what = dedup.Key is null ? "Each row kept by Distinct"
                            : "The " + (dedup.WithinWatermark ? "DropDuplicatesWithinWatermark" : "DropDuplicates") + " key";
                        Check(context, dedup, what, dedup.KeyType);
                        break;
                    case GroupStateSpec state:
                        Check(context, state, "The GroupBy key of " + state.Name, state.KeyType);
                        Check(context, state, "The state of " + state.Name, state.StateType, SyntaxParts.GroupCall);
                        break;
                }
            }
        }

        private static void Check(ValidationContext context, object node, string what, TypeSpec type, string part = SyntaxParts.Call)
        {
            if (type.Problem is { } problem)
                context.Report(DiagnosticIds.StateTypeNotSerializable, node, part, what, context.ClassName, type.Display, problem);
        }
    }
}
