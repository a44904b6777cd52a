using Microsoft.CodeAnalysis;

namespace Compiled.Diagnostics
{
    /// <summary>The generator's diagnostics (CQ0001–CQ0004): query shapes it cannot compile.</summary>
    internal static class Descriptors
    {
        private const string Category = "Compiled.Query";

        /// <summary>The list of supported operators quoted by CQ0003.</summary>
        public const string SupportedOperators =
            "Where, Select, SelectMany, GroupBy(...).Select(g => ...) with g.Key, Count, LongCount, Sum, Min, Max and Average, "
            + "windows (Window.Tumbling, Sliding, Session), WithWatermark, Distinct, DropDuplicates, DropDuplicatesWithinWatermark, "
            + "Join, SemiJoin and AntiJoin with a StaticTable or a stream, Union, MapGroupsWithState, FlatMapGroupsWithState and "
            + "UpdateStateByKey";

        /// <summary>CQ0001: the query class cannot receive generated members.</summary>
        public static DiagnosticDescriptor QueryClassNotPartial { get; } = Rule(
            DiagnosticIds.QueryClassNotPartial,
            "Streaming query class must be a non-generic partial class",
            "Streaming query class '{0}' {1}");

        /// <summary>CQ0002: no usable <c>Define</c> method.</summary>
        public static DiagnosticDescriptor QueryDefinitionInvalid { get; } = Rule(
            DiagnosticIds.QueryDefinitionInvalid,
            "Streaming query needs a 'Define' method taking and returning streams",
            "Streaming query '{0}' {1}");

        /// <summary>CQ0003: an operator the compiler cannot translate.</summary>
        public static DiagnosticDescriptor UnsupportedOperator { get; } = Rule(
            DiagnosticIds.UnsupportedOperator,
            "Operator not supported by the streaming query compiler",
            "Streaming query '{0}' uses '{1}', which the compiler does not support; supported operators: " + SupportedOperators);

        /// <summary>CQ0004: the body is not one readable expression chain.</summary>
        public static DiagnosticDescriptor QueryBodyNotAChain { get; } = Rule(
            DiagnosticIds.QueryBodyNotAChain,
            "Query body must be a single expression chain",
            "Streaming query '{0}': {1}; write 'Define' as one chain starting at a stream parameter, e.g. 'input.Where(x => ...).Select(x => ...)'");

        /// <summary>Finds the descriptor of <paramref name="id"/>.</summary>
        public static DiagnosticDescriptor ForId(string id) => id switch
        {
            DiagnosticIds.QueryClassNotPartial => QueryClassNotPartial,
            DiagnosticIds.QueryDefinitionInvalid => QueryDefinitionInvalid,
            DiagnosticIds.UnsupportedOperator => UnsupportedOperator,
            _ => QueryBodyNotAChain,
        };

        private static DiagnosticDescriptor Rule(string id, string title, string message) =>
            new DiagnosticDescriptor(id, title, message, Category, DiagnosticSeverity.Error,
                isEnabledByDefault: true, helpLinkUri: HelpLinks.For(id));
    }
}
