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

        /// <summary>Category of watermark and window rules.</summary>
        public const string WatermarkCategory = "Compiled.EventTime";

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
            messageFormat: "Query '{0}' aggregates in OutputMode.Append, but {1}. Append writes each result row once and never changes it, while an aggregate changes with every batch that brings rows for its group: only a window over a watermarked event-time column tells when a group is final. Add '.WithWatermark(row => row.Time, delay)' before the GroupBy and group by 'Window.Tumbling(row.Time, size)', or use OutputMode.Update to write each group whenever it changes.",
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

        /// <summary>CQ1003: a session-window aggregation in Update mode (SS-O2).</summary>
        public static readonly DiagnosticDescriptor UpdateModeSessionWindow = new DiagnosticDescriptor(
            DiagnosticIds.UpdateModeSessionWindow,
            title: "Update mode with a session window",
            messageFormat: "Query '{0}' aggregates over a session window in OutputMode.Update: a session grows and merges with its neighbours as rows arrive, so a session written in one batch may not exist in the next and cannot be updated in place. Use OutputMode.Append, which writes each session once when the watermark closes it.",
            category: OutputModeCategory,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            helpLinkUri: HelpLinks.For(DiagnosticIds.UpdateModeSessionWindow));

        /// <summary>CQ1004: Complete mode on a windowed aggregation with a watermark.</summary>
        public static readonly DiagnosticDescriptor CompleteModeWindowedWatermark = new DiagnosticDescriptor(
            DiagnosticIds.CompleteModeWindowedWatermark,
            title: "Complete mode keeps every window",
            messageFormat: "Query '{0}' groups by a window over a watermarked column in OutputMode.Complete: Complete rewrites every window after every batch, so no window is ever evicted and the watermark bounds nothing; the state grows with every window. Use OutputMode.Append (each window once, when closed) or OutputMode.Update (changed windows; closed ones are evicted).",
            category: OutputModeCategory,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            helpLinkUri: HelpLinks.For(DiagnosticIds.CompleteModeWindowedWatermark));

        /// <summary>CQ1101: a watermark after the aggregation it should bound.</summary>
        public static readonly DiagnosticDescriptor WatermarkAfterAggregation = new DiagnosticDescriptor(
            DiagnosticIds.WatermarkAfterAggregation,
            title: "Watermark declared after the aggregation",
            messageFormat: "Query '{0}' declares WithWatermark after its aggregation: the watermark then tracks the aggregation's output rows, while the aggregation upstream never learns when a window is complete. Move '.WithWatermark(...)' before the GroupBy, onto the input rows.",
            category: WatermarkCategory,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            helpLinkUri: HelpLinks.For(DiagnosticIds.WatermarkAfterAggregation));

        /// <summary>CQ1102: a window over a member that is not the watermarked one, where Append needs it.</summary>
        public static readonly DiagnosticDescriptor WindowNotOnWatermarkedColumn = new DiagnosticDescriptor(
            DiagnosticIds.WindowNotOnWatermarkedColumn,
            title: "Window is not over the watermarked column",
            messageFormat: "Query '{0}' groups by a window over '{1}', but its watermark is on '{2}': in OutputMode.Append a window is written once the watermark passes its end, which only means something when the window is over the watermarked column. Window over the member the watermark reads, or watermark the member the window reads.",
            category: WatermarkCategory,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            helpLinkUri: HelpLinks.For(DiagnosticIds.WindowNotOnWatermarkedColumn));

        /// <summary>CQ1103: a session window as the only grouping key (SS-W7).</summary>
        public static readonly DiagnosticDescriptor SessionWindowOnlyKey = new DiagnosticDescriptor(
            DiagnosticIds.SessionWindowOnlyKey,
            title: "Session window as the only grouping key",
            messageFormat: "Query '{0}' groups by a session window alone: sessions are tracked per key (a user, a device), and without another key column every row of the stream falls into one global session chain. Group by a tuple such as '(Window.Session(row.Time, gap), row.UserId)'.",
            category: WatermarkCategory,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            helpLinkUri: HelpLinks.For(DiagnosticIds.SessionWindowOnlyKey));

        /// <summary>CQ1104: an event-time timeout in keyed state without a watermark (SS-G6).</summary>
        public static readonly DiagnosticDescriptor EventTimeTimeoutWithoutWatermark = new DiagnosticDescriptor(
            DiagnosticIds.EventTimeTimeoutWithoutWatermark,
            title: "Event-time timeout without a watermark",
            messageFormat: "Query '{0}' runs {1} with GroupStateTimeout.EventTimeTimeout, but no WithWatermark is declared before it: an event-time timeout fires when the watermark passes it, so without a watermark no key would ever time out (Spark: 'Event-time timeout not supported without watermark'). Declare '.WithWatermark(row => row.EventTime, delay)' before the GroupBy, or use GroupStateTimeout.ProcessingTimeTimeout.",
            category: WatermarkCategory,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            helpLinkUri: HelpLinks.For(DiagnosticIds.EventTimeTimeoutWithoutWatermark));

        /// <summary>CQ1105: DropDuplicatesWithinWatermark without a watermark (SS-D1).</summary>
        public static readonly DiagnosticDescriptor DedupWithinWatermarkWithoutWatermark = new DiagnosticDescriptor(
            DiagnosticIds.DedupWithinWatermarkWithoutWatermark,
            title: "DropDuplicatesWithinWatermark without a watermark",
            messageFormat: "Query '{0}' calls DropDuplicatesWithinWatermark, but no WithWatermark is declared before it: a key is kept until the watermark passes its first row's event time plus the delay, and without a watermark there is neither (Spark: 'dropDuplicatesWithinWatermark is not supported on streaming DataFrames/DataSets without watermark'). Declare '.WithWatermark(row => row.EventTime, delay)' before it, or use DropDuplicates.",
            category: WatermarkCategory,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            helpLinkUri: HelpLinks.For(DiagnosticIds.DedupWithinWatermarkWithoutWatermark));

        /// <summary>CQ1106: a window length, slide or gap that is not positive, or a slide longer than the window.</summary>
        public static readonly DiagnosticDescriptor WindowLengthInvalid = new DiagnosticDescriptor(
            DiagnosticIds.WindowLengthInvalid,
            title: "Window length or slide is invalid",
            messageFormat: "Query '{0}' calls '{1}' where {2}. A window's length, slide and gap must be positive, and a sliding window's slide at most its length.",
            category: WatermarkCategory,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            helpLinkUri: HelpLinks.For(DiagnosticIds.WindowLengthInvalid));

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

        /// <summary>CQ1304: keyed-state operators in numbers or output modes Spark refuses (SS-P2..P4, SS-G2..G5).</summary>
        public static readonly DiagnosticDescriptor GroupStateModeRules = new DiagnosticDescriptor(
            DiagnosticIds.GroupStateModeRules,
            title: "Keyed state in an unsupported combination or output mode",
            messageFormat: "Query '{0}' cannot run {1} here: {2}. Spark refuses the same query when it starts.",
            category: OperatorCategory,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            helpLinkUri: HelpLinks.For(DiagnosticIds.GroupStateModeRules));

        /// <summary>CQ1306: a stateful operator fed by one that can write rows behind the watermark (spark-semantics §1.4).</summary>
        public static readonly DiagnosticDescriptor StatefulAfterLateEmitter = new DiagnosticDescriptor(
            DiagnosticIds.StatefulAfterLateEmitter,
            title: "Stateful operator fed by one that can write rows behind the watermark",
            messageFormat: "Query '{0}' runs {1} after {2}, and {3}: such rows are behind the watermark when they reach {1}, which drops them as late, so the result silently misses them (Spark rejects this chain unless spark.sql.streaming.statefulOperator.checkCorrectness.enabled is false). Use OutputMode.Append with a windowed aggregation, or drop the second stateful operator. Raise CQ1306 to an error in .editorconfig to refuse such queries.",
            category: OperatorCategory,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            helpLinkUri: HelpLinks.For(DiagnosticIds.StatefulAfterLateEmitter));

        /// <summary>CQ1307: a deduplication whose state the watermark never evicts.</summary>
        public static readonly DiagnosticDescriptor DedupStateUnbounded = new DiagnosticDescriptor(
            DiagnosticIds.DedupStateUnbounded,
            title: "Deduplication state grows without limit",
            messageFormat: "{0} in query '{1}' keeps every key it has seen for ever: {2}, so its state grows with every distinct key and a long-running query runs out of memory or disk. {3}.",
            category: OperatorCategory,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            helpLinkUri: HelpLinks.For(DiagnosticIds.DedupStateUnbounded));

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

        /// <summary>Category of join rules.</summary>
        public const string JoinCategory = "Compiled.Joins";

        /// <summary>CQ1006: a stream-stream join outside Append mode (SS-J0).</summary>
        public static readonly DiagnosticDescriptor StreamStreamJoinNotAppend = new DiagnosticDescriptor(
            DiagnosticIds.StreamStreamJoinNotAppend,
            title: "Stream-stream join outside Append mode",
            messageFormat: "Query '{0}' joins two streams in OutputMode.{1}: a joined pair is written once, when both rows have arrived, and never changes, so only Append mode describes its output (Spark: 'Join between two streaming DataFrames/Datasets is not supported in {1} output mode, only in Append output mode'). Use OutputMode.Append.",
            category: OutputModeCategory,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            helpLinkUri: HelpLinks.For(DiagnosticIds.StreamStreamJoinNotAppend));

        /// <summary>CQ1201: an outer or semi stream-stream join that cannot tell when a row has no match (SS-JW).</summary>
        public static readonly DiagnosticDescriptor OuterJoinWithoutWatermark = new DiagnosticDescriptor(
            DiagnosticIds.OuterJoinWithoutWatermark,
            title: "Outer stream-stream join without a watermark and a time range",
            messageFormat: "Query '{0}' joins two streams with a {1} join, but {2}. A row without a match can be written (with default values for the other side) only when no later row can match it, and only a watermark on the {3} input together with a time-range condition tells when that is; without them the join would keep every row and never write one. Add '.WithWatermark(r => r.Time, delay)' to the {3} input and a condition such as 'condition: (l, r) => r.Time >= l.Time && r.Time <= l.Time + TimeSpan.FromMinutes(15)'.",
            category: JoinCategory,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            helpLinkUri: HelpLinks.For(DiagnosticIds.OuterJoinWithoutWatermark));

        /// <summary>CQ1202: a full outer join between a stream and a static table (SS-J1, SS-J2).</summary>
        public static readonly DiagnosticDescriptor FullOuterJoinWithStatic = new DiagnosticDescriptor(
            DiagnosticIds.FullOuterJoinWithStatic,
            title: "Full outer join between a stream and a static table",
            messageFormat: "Query '{0}' makes a full outer join with {1}: the table rows that no stream row matched would have to be written with default values, but the stream never ends, so there is no batch in which {2} is known to be unmatched. Use an inner join, or a left outer join with the stream on the left.",
            category: JoinCategory,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            helpLinkUri: HelpLinks.For(DiagnosticIds.FullOuterJoinWithStatic));

        /// <summary>CQ1203: an outer or semi join that keeps the static side's rows (SS-J5, SS-J7).</summary>
        public static readonly DiagnosticDescriptor OuterJoinStaticSideUnsupported = new DiagnosticDescriptor(
            DiagnosticIds.OuterJoinStaticSideUnsupported,
            title: "Outer join that keeps the static table's rows",
            messageFormat: "Query '{0}' makes a {1} join with {2}: it keeps every row of the static table, but whether a table row has a match depends on stream rows that have not arrived yet, so it can never be written. {3}.",
            category: JoinCategory,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            helpLinkUri: HelpLinks.For(DiagnosticIds.OuterJoinStaticSideUnsupported));

        /// <summary>CQ1204: a left anti join with a streaming right side (SS-J4).</summary>
        public static readonly DiagnosticDescriptor AntiJoinWithStreamingRight = new DiagnosticDescriptor(
            DiagnosticIds.AntiJoinWithStreamingRight,
            title: "Anti join with a streaming right side",
            messageFormat: "Query '{0}' keeps the rows without a match in another stream (AntiJoin): a row written now could be matched by a row that arrives later, and an appended row cannot be taken back (Spark: 'LeftAnti joins with a streaming DataFrame/Dataset on the right are not supported'). Anti-join with a StaticTable, or use a left outer join with a watermark and a time range and keep the rows whose right side is default.",
            category: JoinCategory,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            helpLinkUri: HelpLinks.For(DiagnosticIds.AntiJoinWithStreamingRight));

        /// <summary>CQ1205: an inner stream-stream join whose state grows without limit.</summary>
        public static readonly DiagnosticDescriptor InnerJoinStateUnbounded = new DiagnosticDescriptor(
            DiagnosticIds.InnerJoinStateUnbounded,
            title: "Stream-stream join state grows without limit",
            messageFormat: "Query '{0}' joins two streams, but the rows of {1} stay in state for ever: every row is kept in case a later row of the other side matches it, and only watermarks on both inputs plus a time-range condition with both bounds tell when it cannot any more. Spark accepts the query and its state grows with the input; add '.WithWatermark(...)' to both inputs and a condition such as 'condition: (l, r) => r.Time >= l.Time && r.Time <= l.Time + TimeSpan.FromMinutes(15)'.",
            category: JoinCategory,
            defaultSeverity: DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            helpLinkUri: HelpLinks.For(DiagnosticIds.InnerJoinStateUnbounded));

        /// <summary>CQ1305: a union with a static table, an intersect, or an except with a streaming right side (SS-S2..S4).</summary>
        public static readonly DiagnosticDescriptor SetOperationWithStream = new DiagnosticDescriptor(
            DiagnosticIds.SetOperationWithStream,
            title: "Set operation a stream cannot run",
            messageFormat: "'{0}' in query '{1}' {2}. {3}.",
            category: OperatorCategory,
            defaultSeverity: DiagnosticSeverity.Error,
            isEnabledByDefault: true,
            helpLinkUri: HelpLinks.For(DiagnosticIds.SetOperationWithStream));
        /// <summary>Every descriptor above, for the analyzers' meta-tests.</summary>
        public static ImmutableArray<DiagnosticDescriptor> All { get; } = ImmutableArray.Create(
            CompleteModeWithoutAggregation,
            AppendModeAggregationWithoutWatermark,
            UpdateModeSessionWindow,
            CompleteModeWindowedWatermark,
            UpdateModeIntoAppendOnlySink,
            UpdateModeTableSinkWithoutKey,
            WatermarkAfterAggregation,
            WindowNotOnWatermarkedColumn,
            SessionWindowOnlyKey,
            EventTimeTimeoutWithoutWatermark,
            DedupWithinWatermarkWithoutWatermark,
            WindowLengthInvalid,
            SortOnStream,
            LimitOrOffsetOnStream,
            DistinctAggregateOrGroupingSets,
            GroupStateModeRules,
            StatefulAfterLateEmitter,
            DedupStateUnbounded,
            NonDeterministicCall,
            CapturesMutableState,
            StateTypeNotSerializable,
            LinqOperatorNotOnStream,
            StreamStreamJoinNotAppend,
            OuterJoinWithoutWatermark,
            FullOuterJoinWithStatic,
            OuterJoinStaticSideUnsupported,
            AntiJoinWithStreamingRight,
            InnerJoinStateUnbounded,
            SetOperationWithStream);
    }
}
