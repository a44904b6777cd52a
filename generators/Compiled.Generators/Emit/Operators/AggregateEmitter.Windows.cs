using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Compiled.Generators.Model;

namespace Compiled.Generators.Emit.Operators
{
    /// <summary>
    /// The windowed form of the aggregation: the batch table is keyed by <c>WindowKey&lt;TKey&gt;</c> (the window, pane or
    /// one-row session in Unix milliseconds plus the other key parts), the window start is computed inline with the
    /// window's constants (so the JIT divides by a constant), and the runtime's window aggregation merges, emits and
    /// closes windows after the loop.
    /// </summary>
    internal sealed partial class AggregateEmitter
    {
        /// <summary>The window aggregation field.</summary>
        public string WindowField => "_window" + Literals.Int(_ordinal);

        private string WindowEmitter => Name(_ordinal, "Emitter");

        private const string WindowsNamespace = "global::Compiled.Windows.";
        private const string TimeSpanG = "global::System.TimeSpan";

        private WindowSpec Window => _aggregate.Window!;

        /// <summary>True when the aggregation groups by a time window.</summary>
        public bool IsWindowed => _aggregate.Window is not null;

        /// <summary>True for a window over the batch's processing time: it closes by the clock, not the watermark.</summary>
        public bool IsProcessingTime => _aggregate.Window is { IsProcessingTime: true };

        /// <summary>The key parts besides the window, as one type; null when the window is the whole key (<c>NoKey</c>).</summary>
        private TypeSpec? OtherKeyType
        {
            get
            {
                if (Window.IsWholeKey) return null;
                var others = _aggregate.KeyType.Members.Where((_, i) => i != Window.KeyPosition).ToList();
                if (others.Count == 1) return others[0].Type;
                var members = others.Select((m, i) => new MemberSpec("Item" + (i + 1).ToString(CultureInfo.InvariantCulture), m.Type));
                return new TypeSpec(
                    "(" + string.Join(", ", others.Select(m => m.Type.Name)) + ")",
                    "tuple(" + string.Join(",", others.Select(m => m.Type.SchemaName)) + ")",
                    TypeShape.Tuple,
                    IsValueType: true,
                    IsUnmanaged: others.All(m => m.Type.IsUnmanaged),
                    MemberwiseEquality: true,
                    Problem: others.Select(m => m.Type.Problem).FirstOrDefault(p => p is not null),
                    members.ToEquatableArray(),
                    ConstructorArity: 0);
            }
        }

        private string OtherKey => OtherKeyType?.Name ?? WindowsNamespace + "NoKey";

        private string OtherKeyOps => OtherKeyType is null ? WindowsNamespace + "NoKeyOps" : KeyOps;

        private string WindowKeyType => WindowsNamespace + "WindowKey<" + OtherKey + ">";

        private string WindowTableType =>
            "global::Compiled.Aggregation.BatchTable<" + WindowKeyType + ", " + State + ", " + WindowsNamespace + "WindowKeyOps<" + OtherKey + ", " + OtherKeyOps + ">>";

        private string WindowAggregationType =>
            WindowsNamespace + Window.Kind + "WindowAggregation<" + OtherKey + ", " + State + ", " + OtherKeyOps + ">";

        /// <summary>What the window is, for plan comments: <c>Tumbling 1000 ms</c>.</summary>
        public string WindowText => Window.Kind switch
        {
            WindowKind.Tumbling => "Tumbling " + Ms(Window.SizeMs) + " ms" + (Window.OffsetMs != 0 ? ", offset " + Ms(Window.OffsetMs) + " ms" : string.Empty),
            WindowKind.Sliding => "Sliding " + Ms(Window.SizeMs) + " ms every " + Ms(Window.SlideMs) + " ms over panes of " + Ms(PaneMs) + " ms"
                + (Window.OffsetMs != 0 ? ", offset " + Ms(Window.OffsetMs) + " ms" : string.Empty),
            _ => "Session, gap " + (Window.Gap is null ? Ms(Window.GapMs) + " ms" : Window.Gap.Display),
        } + (IsProcessingTime ? ", processing time" : string.Empty);

        private long PaneMs => Gcd(Window.SizeMs, Window.SlideMs);

        /// <summary>
        /// False for tumbling and sliding windows, whose rows fold straight into their window's (pane's) table in the
        /// runtime; true for the all-time aggregation and session windows, which pre-aggregate the batch first.
        /// </summary>
        public bool UsesBatchTable => !IsWindowed || Window.Kind == WindowKind.Session;

        /// <summary>What the fused loop does with each row, for the plan comment.</summary>
        public string LoopText => !IsWindowed ? "Aggregate(fold each row into the operator's table)"
            : UsesBatchTable ? "Aggregate(pre-aggregate the batch by session)"
            : "Aggregate(fold each row into its " + (Window.Kind == WindowKind.Sliding ? "pane" : "window") + "'s table)";

        private IEnumerable<string> WindowFields()
        {
            if (UsesBatchTable) yield return "private readonly " + WindowTableType + " " + TableField + " = new " + WindowTableType + "();";
            yield return "private " + WindowAggregationType + " " + WindowField + " = null!;";
            foreach (var field in ChainFields()) yield return field;
        }

        private void WriteWindowOpen(SourceWriter w)
        {
            string keySerializer = OtherKeyType is { } other && !SerializerEmitter.IsRaw(other) ? "new " + KeySerializer + "()" : "null";
            string stateSerializer = AccumulatorLayout.IsUnmanaged(_aggregate) ? "null" : "new " + StateSerializer + "()";
            string lengths = Window.Kind switch
            {
                WindowKind.Tumbling => Span(Window.SizeMs) + ", " + Span(Window.OffsetMs),
                WindowKind.Sliding => Span(Window.SizeMs) + ", " + Span(Window.SlideMs) + ", " + Span(Window.OffsetMs),
                _ => Window.Gap is null ? Span(Window.GapMs) : "null",
            };
            w.Line(WindowField + " = new " + WindowAggregationType + "(" + (Chained ? "context" : StreamJoinEmitter.DownstreamContext(_plan)) + ", " + Literals.String(StatePlan.OperatorId) + ", "
                + Literals.OutputMode(_plan.Query.OutputMode) + ", " + lengths + ", " + keySerializer + ", " + stateSerializer + ");");
            WriteChainOpen(w);
        }

        /// <summary>
        /// Writes the locals that place <paramref name="row"/> in its window, pane or one-row session and returns the call
        /// that finds its accumulator, up to its <c>out</c> argument: the window aggregation's table of the row's window or
        /// pane, or for a session the batch table; a session row whose own gap is not positive is skipped (Spark drops it).
        /// </summary>
        private string WriteWindowSlot(SourceWriter w, PipelineEmitter pipeline, Row row)
        {
            string time;
            if (IsProcessingTime)
            {
                time = ProcessingTimeLocal;
            }
            else if (Chained)
            {
                time = WriteChainedTime(w, pipeline, row);
            }
            else if (EventTimeEmitter.SharedTime(_plan, Window) is { } watermark)
            {
                // The watermark step already read and converted this member.
                time = EventTimeEmitter.TimeLocal(watermark.Input);
            }
            else
            {
                time = pipeline.Local("t");
                w.Line("long " + time + " = " + EventTimeEmitter.UnixMs(Window.TimeKind, PipelineEmitter.Call(Window.Time!, row)) + ";");
                if (_plan.StreamJoin is not null) StreamJoinEmitter.WriteLateCheck(w, _plan, time, pipeline.SkipStatement);
            }
            string other = OtherKeyType is null
                ? "default(" + OtherKey + ")"
                : Window.OtherKeyParts.Count == 1
                    ? PipelineEmitter.Call(Window.OtherKeyParts[0], row)
                    : "(" + string.Join(", ", Window.OtherKeyParts.Select(p => PipelineEmitter.Call(p, row))) + ")";
            if (Window.Kind == WindowKind.Session)
            {
                string gap = Window.Gap is null ? Long(Window.GapMs) : pipeline.Local("gap");
                if (Window.Gap is not null)
                {
                    w.Line("long " + gap + " = (long)" + PipelineEmitter.Call(Window.Gap, row) + ".TotalMilliseconds;");
                    w.Line("if (" + gap + " <= 0) " + pipeline.SkipStatement);
                }
                return TableField + ".FindOrAdd(new " + WindowKeyType + "(" + time + ", " + time + " + " + gap + ", " + other + ")";
            }
            string start = IsProcessingTime ? ProcessingTimeStartLocal : WriteAlignedStart(w, time, pipeline.Local("mod"), pipeline.Local("start"));
            return WindowField + ".Accumulate(" + start + ", " + other;
        }

        /// <summary>The length rows are placed by: the window, or for a sliding window its pane.</summary>
        private long WindowLength => Window.Kind == WindowKind.Sliding ? PaneMs : Window.SizeMs;

        /// <summary>Declares <paramref name="start"/>, the start of the aligned window or pane holding <paramref name="time"/>; returns its name.</summary>
        private string WriteAlignedStart(SourceWriter w, string time, string mod, string start)
        {
            // The time minus (time - offset) mod length, the modulo brought up to a positive value.
            string shifted = Window.OffsetMs == 0 ? time : "(" + time + " - " + Long(Window.OffsetMs) + ")";
            w.Line("long " + mod + " = " + shifted + " % " + Long(WindowLength) + ";");
            w.Line("long " + start + " = " + time + " - (" + mod + " < 0 ? " + mod + " + " + Long(WindowLength) + " : " + mod + ");");
            return start;
        }

        /// <summary>
        /// True when the windows the watermark passed can close before the batch's rows instead of after them: a tumbling
        /// event-time window over the column the input's watermark step reads, with only filters between, so every row
        /// at or behind the watermark (the only ones that could land in a closed window) was dropped as late. Chained
        /// aggregations close after the rows, in the order they feed each other; Complete mode never closes a window.
        /// </summary>
        private bool ClosesBeforeRows =>
            IsWindowed && Window.Kind == WindowKind.Tumbling && !IsProcessingTime && !Chained && Next is null
            && _plan.Query.OutputMode != OutputModes.Complete && EventTimeEmitter.SharedTime(_plan, Window) is not null;

        /// <summary>The batch's processing time, read once before the loop by processing-time windows.</summary>
        public const string ProcessingTimeLocal = "__now";

        /// <summary>The window (pane) start of the batch's processing time: every row of the batch falls in it.</summary>
        private const string ProcessingTimeStartLocal = "__nowStart";

        /// <summary>Before the input loop: a processing-time window places every row of the batch at the batch time, so its start is computed once.</summary>
        public void WriteBeforeLoop(SourceWriter w)
        {
            if (ClosesBeforeRows)
            {
                string evicts = _plan.Query.OutputMode == OutputModes.Update ? "evict" : "emit and evict";
                w.Line("// Plan: Aggregate(" + WindowText + ") -> " + evicts + " the windows the watermark passed, before the rows: a row in one would be late, so their tables serve this batch's windows");
                w.Line("var " + EmitterLocal + " = new " + WindowEmitter + "(this, output);");
                w.Line(WindowField + ".Close(batch.WatermarkMs, ref " + EmitterLocal + ");");
            }
            if (!IsProcessingTime) return;
            w.Line("long " + ProcessingTimeLocal + " = batch.BatchTimestampMs;");
            if (Window.Kind != WindowKind.Session) WriteAlignedStart(w, ProcessingTimeLocal, "__nowMod", ProcessingTimeStartLocal);
        }

        private void WriteWindowApply(SourceWriter w)
        {
            string mode = OutputModes.Name(_plan.Query.OutputMode);
            string closes = IsProcessingTime ? "the batch time" : "the watermark";
            string emits = ClosesBeforeRows ? (_plan.Query.OutputMode == OutputModes.Update ? "emit the windows this batch changed" : "the passed windows closed before the rows")
                : _plan.Query.OutputMode == OutputModes.Update ? "emit the windows this batch changed, evict those " + closes + " passed"
                : _plan.Query.OutputMode == OutputModes.Complete ? "emit every window"
                : "emit and evict the windows " + closes + " passed";
            string into = Window.Kind == WindowKind.Session ? "merge the batch's sessions into state"
                : "write the entries this batch changed to state";
            w.Line("// Plan: Aggregate(" + WindowText + ") -> " + into + " -> " + emits + " (" + mode + ")");
            WriteBeforeApply(w);
            if (!ClosesBeforeRows) w.Line("var " + EmitterLocal + " = new " + WindowEmitter + "(this, output);");
            string table = UsesBatchTable ? TableField + ", " : string.Empty;
            w.Line(WindowField + ".Apply(" + table + (IsProcessingTime ? "batch.BatchTimestampMs" : Chained ? "batch.WatermarkMs" : StreamJoinEmitter.DownstreamWatermark(_plan))
                + ", ref " + EmitterLocal + ");");
            WriteAfterApply(w);
        }

        /// <summary>The deadline property telling the engine when a batch without data would close a window.</summary>
        public void WriteDeadline(SourceWriter w)
        {
            string property = IsProcessingTime ? "ProcessingTimeDeadlineMs" : "EventTimeDeadlineMs";
            w.Line("public long " + property + " => " + NextWindowEnd + ";");
        }

        private void WriteWindowEmitterType(SourceWriter w)
        {
            w.Line("/// <summary>Turns each window the aggregation emits into output rows.</summary>");
            w.Open("private struct " + WindowEmitter + " : " + WindowsNamespace + "IWindowEmitter<" + OtherKey + ", " + State + ">");
            w.Line("private readonly " + Emitter.PlanClass + " _plan;");
            w.Line("private readonly " + RowBuffer + " _output;");
            w.Line("// The window of the last group emitted: a window's groups come one after another, so its TimeWindow is built once.");
            w.Line("private long _startMs;");
            w.Line("private long _endMs;");
            w.Line("private global::Compiled.TimeWindow _window;");
            w.Line();
            w.Open("public " + WindowEmitter + "(" + Emitter.PlanClass + " plan, " + RowBuffer + " output)");
            w.Line("_plan = plan;");
            w.Line("_output = output;");
            w.Line("// No window ends where it starts, so the first group builds its window.");
            w.Line("_startMs = 0L;");
            w.Line("_endMs = 0L;");
            w.Line("_window = default;");
            w.Close();
            w.Line();
            w.Open("public void Emit(in " + WindowKeyType + " window, in " + State + " accumulator)");
            w.Open("if (window.StartMs != _startMs || window.EndMs != _endMs)");
            w.Line("_startMs = window.StartMs;");
            w.Line("_endMs = window.EndMs;");
            w.Line("_window = window.Window;");
            w.Close();
            w.Line("_plan." + EmitMethod + "(" + UserKey("window") + ", accumulator, _output);");
            w.Close();
            w.Close();
        }

        /// <summary>The user's group key rebuilt from a window key: the emitter's <c>TimeWindow</c> of it in its place among the other parts.</summary>
        private string UserKey(string window)
        {
            if (Window.IsWholeKey) return "_window";
            int others = _aggregate.KeyType.Members.Count - 1;
            var parts = new List<string>();
            for (int i = 0, other = 0; i < _aggregate.KeyType.Members.Count; i++)
            {
                if (i == Window.KeyPosition) parts.Add("_window");
                else parts.Add(others == 1 ? window + ".Key" : window + ".Key.Item" + (++other).ToString(CultureInfo.InvariantCulture));
            }
            return "(" + string.Join(", ", parts) + ")";
        }

        private static string Long(long value) => value.ToString(CultureInfo.InvariantCulture) + "L";

        private static string Ms(long value) => value.ToString(CultureInfo.InvariantCulture);

        private static string Span(long ms) => TimeSpanG + ".FromMilliseconds(" + Long(ms) + ")";

        private static long Gcd(long a, long b)
        {
            while (b != 0) (a, b) = (b, a % b);
            return a;
        }
    }
}
