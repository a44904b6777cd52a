using System.Collections.Immutable;
using Compiled.Diagnostics;
using Microsoft.CodeAnalysis;

namespace Compiled.Analyzers
{
    /// <summary>
    /// Every diagnostic the analyzers report, in one place (each created with constant arguments, which
    /// the release-tracking analyzer needs to check AnalyzerReleases.*.md). Ids come from the shared
    /// <see cref="DiagnosticIds"/> registry; each message says what is wrong, why it breaks a stream,
    /// and what to write instead.
    /// </summary>
    internal static class Descriptors
    {
        /// <summary>Category of output-mode rules (Spark's SS-O rules and sink compatibility).</summary>
        public const string OutputModeCategory = "Compiled.OutputMode";

        /// <summary>Category of operators a stream cannot run (Spark's per-operator rules).</summary>
        public const string OperatorCategory = "Compiled.Operators";

        /// <summary>Category of rules that protect exactly-once replay.</summary>
        public const string ExactlyOnceCategory = "Compiled.ExactlyOnce";

        /// <summary>CQ1001: Complete mode on a query with no aggregation (SS-O3).</summary>
        public static readonly DiagnosticDescriptor CompleteModeWithoutAggregation = new DiagnosticDescriptor(
            DiagnosticIds.CompleteModeWithoutAggregation,
            title: "Complete mode needs an aggregation",
            messageFormat: "Query '{0}' uses OutputMode.Complete but has no aggregation: Complete mode rewrites the whole result after every batch, and without a GroupBy(...).Select(...) the whole result is every row ever read, which would grow without limit. Use OutputMode.Update (or Append), which writes each row once.",
            category: OutputModeCategory,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            helpLinkUri: HelpLinks.For(DiagnosticIds.CompleteModeWithoutAggregation));

        /// <summary>CQ1002: an aggregation in Append mode without a watermarked event-time window.</summary>
        public static readonly DiagnosticDescriptor AppendModeAggregationWithoutWatermark = new DiagnosticDescriptor(
            DiagnosticIds.AppendModeAggregationWithoutWatermark,
            title: "Append mode aggregation needs a watermarked event-time window",
            messageFormat: "Query '{0}' aggregates in OutputMode.Append, but Append writes each result row once and never changes it, while an aggregate changes with every batch that brings rows for its group: only a window over a watermarked event-time column tells when a group is final. Use OutputMode.Update to write each group whenever it changes, or OutputMode.Complete to rewrite the whole result after every batch.",
            category: OutputModeCategory,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            helpLinkUri: HelpLinks.For(DiagnosticIds.AppendModeAggregationWithoutWatermark));

        /// <summary>CQ1005: an Update-mode query started into a sink that can only append.</summary>
        public static readonly DiagnosticDescriptor UpdateModeIntoAppendOnlySink = new DiagnosticDescriptor(
            DiagnosticIds.UpdateModeIntoAppendOnlySink,
            title: "Update mode into an append-only sink",
            messageFormat: "Query '{0}' runs in OutputMode.Update but is started into '{1}', which can only append: every time a row of the result changes, the new value is written beside the old one instead of replacing it, so readers see each intermediate value. Use OutputMode.Append (with a watermarked window), or a sink that updates rows in place (a table, Kafka or ForeachBatch).",
            category: OutputModeCategory,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            helpLinkUri: HelpLinks.For(DiagnosticIds.UpdateModeIntoAppendOnlySink));

        /// <summary>CQ1007: an Update-mode query started into a table sink with no key to upsert on.</summary>
        public static readonly DiagnosticDescriptor UpdateModeTableSinkWithoutKey = new DiagnosticDescriptor(
            DiagnosticIds.UpdateModeTableSinkWithoutKey,
            title: "Update mode into a table sink without a key",
            messageFormat: "Query '{0}' runs in OutputMode.Update into table sink '{1}', but row type '{2}' declares no key: Update mode replaces the row of each key that changed, and without a key the table cannot tell which row that is. Mark the key member(s) of '{2}' with [TableKey], or pass a key selector to the factory (key: r => r.Id).",
            category: OutputModeCategory,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            helpLinkUri: HelpLinks.For(DiagnosticIds.UpdateModeTableSinkWithoutKey));

        /// <summary>CQ1301: sort that is not on an aggregation in Complete mode (SS-L3).</summary>
        public static readonly DiagnosticDescriptor SortOnStream = new DiagnosticDescriptor(
            DiagnosticIds.SortOnStream,
            title: "Sorting a stream",
            messageFormat: "'{0}' in query '{1}' sorts a stream: an unbounded stream has no last row, so only the whole result of an aggregation in OutputMode.Complete can be sorted. {2}.",
            category: OperatorCategory,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            helpLinkUri: HelpLinks.For(DiagnosticIds.SortOnStream));

        /// <summary>CQ1302: Take in Update mode (SS-L1), Skip in any mode (SS-L2).</summary>
        public static readonly DiagnosticDescriptor LimitOrOffsetOnStream = new DiagnosticDescriptor(
            DiagnosticIds.LimitOrOffsetOnStream,
            title: "Limit or offset on a stream",
            messageFormat: "'{0}' in query '{1}' {2}. {3}.",
            category: OperatorCategory,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            helpLinkUri: HelpLinks.For(DiagnosticIds.LimitOrOffsetOnStream));

        /// <summary>CQ1303: distinct aggregate (SS-A1) or grouping sets (SS-A2).</summary>
        public static readonly DiagnosticDescriptor DistinctAggregateOrGroupingSets = new DiagnosticDescriptor(
            DiagnosticIds.DistinctAggregateOrGroupingSets,
            title: "Distinct aggregate or grouping sets on a stream",
            messageFormat: "'{0}' in query '{1}' {2}. {3}.",
            category: OperatorCategory,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            helpLinkUri: HelpLinks.For(DiagnosticIds.DistinctAggregateOrGroupingSets));

        /// <summary>CQ1401: a non-deterministic call in a query body.</summary>
        public static readonly DiagnosticDescriptor NonDeterministicCall = new DiagnosticDescriptor(
            DiagnosticIds.NonDeterministicCall,
            title: "Non-deterministic call in a query",
            messageFormat: "'{0}' in query '{1}' is not deterministic: a batch replayed after a failure would compute different rows than its first run, so the output is no longer exactly-once. {2}.",
            category: ExactlyOnceCategory,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            helpLinkUri: HelpLinks.For(DiagnosticIds.NonDeterministicCall));

        /// <summary>CQ1402: a lambda that captures or changes state outside itself.</summary>
        public static readonly DiagnosticDescriptor CapturesMutableState = new DiagnosticDescriptor(
            DiagnosticIds.CapturesMutableState,
            title: "Lambda captures or changes mutable state",
            messageFormat: "A lambda in query '{0}' {1}: the generator copies lambdas into compiled operators that never run the query definition, and state a lambda reads or changes outside its rows is not checkpointed, so a replayed batch would compute different rows. {2}.",
            category: ExactlyOnceCategory,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            helpLinkUri: HelpLinks.For(DiagnosticIds.CapturesMutableState));

        /// <summary>CQ1403: a state key or value type the generator cannot serialise.</summary>
        public static readonly DiagnosticDescriptor StateTypeNotSerializable = new DiagnosticDescriptor(
            DiagnosticIds.StateTypeNotSerializable,
            title: "State type cannot be serialised",
            messageFormat: "{0} in query '{1}' has type '{2}', which cannot be kept as state: {3}. State is written to the checkpoint and read back after a restart, so use primitives, string, DateTime, decimal, Guid, enums, or records, structs, tuples and anonymous types made of those.",
            category: ExactlyOnceCategory,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            helpLinkUri: HelpLinks.For(DiagnosticIds.StateTypeNotSerializable));

        /// <summary>CQ1405: a LINQ operator that streams do not have, which C# resolved against another library.</summary>
        public static readonly DiagnosticDescriptor LinqOperatorNotOnStream = new DiagnosticDescriptor(
            DiagnosticIds.LinqOperatorNotOnStream,
            title: "LINQ operator that streams do not have",
            messageFormat: "'{0}' is not an operator of {1}: C# looked for it in {2}, LINQ over in-memory or async sequences, which does not apply to a stream (hence the compiler's error on the same call). {3}.",
            category: OperatorCategory,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            helpLinkUri: HelpLinks.For(DiagnosticIds.LinqOperatorNotOnStream));

        /// <summary>Every descriptor above, for the analyzers' meta-tests.</summary>
        public static ImmutableArray<DiagnosticDescriptor> All { get; } = ImmutableArray.Create(
            CompleteModeWithoutAggregation,
            AppendModeAggregationWithoutWatermark,
            UpdateModeIntoAppendOnlySink,
            UpdateModeTableSinkWithoutKey,
            SortOnStream,
            LimitOrOffsetOnStream,
            DistinctAggregateOrGroupingSets,
            NonDeterministicCall,
            CapturesMutableState,
            StateTypeNotSerializable,
            LinqOperatorNotOnStream);
    }
}
