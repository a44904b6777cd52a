using System.Collections.Generic;
using System.Linq;
using Compiled.Generators.Model;
using Compiled.Generators.Planning;

namespace Compiled.Generators.Emit.Operators
{
    /// <summary>
    /// Writes a stream-stream join: the left input's loop probes the buffered right rows and buffers its own, the right
    /// input's loop the mirror, then the watermark evicts the rows no future row can match, writing the unmatched ones of
    /// an outer side with <c>default</c> for the other. Each joined row goes through one emit method holding the stages
    /// after the join. The buffered rows live in the runtime's <c>StreamJoin</c>, over the operator's state store.
    /// </summary>
    internal sealed class StreamJoinEmitter
    {
        /// <summary>The first join's field.</summary>
        public const string Field = "_join0";
        private const string StreamJoinG = "global::Compiled.Joins.StreamJoin";

        private readonly PhysicalPlan _plan;
        private readonly StreamJoinPlan _joinPlan;
        private readonly JoinSpec _join;
        private readonly string _output;
        private readonly AggregateEmitter? _aggregate;
        private readonly int _ordinal;

        /// <summary>A join writing to the sink, or feeding <paramref name="aggregate"/> (the plan's aggregation) with its joined rows.</summary>
        public StreamJoinEmitter(PhysicalPlan plan, AggregateEmitter? aggregate)
            : this(plan, plan.StreamJoin!, aggregate, 0)
        {
        }

        private StreamJoinEmitter(PhysicalPlan plan, StreamJoinPlan joinPlan, AggregateEmitter? aggregate, int ordinal)
        {
            _plan = plan;
            _aggregate = aggregate;
            _joinPlan = joinPlan;
            _join = _joinPlan.Join;
            _output = plan.Query.OutputType.Name;
            _ordinal = ordinal;
            if (joinPlan.Then is { } then) Next = new StreamJoinEmitter(plan, then, aggregate: null, ordinal + 1);
        }

        /// <summary>The second join of <c>(a join b) join c</c>, fed by this one's rows; null otherwise.</summary>
        private StreamJoinEmitter? Next { get; }

        /// <summary>This join's field.</summary>
        private string JoinField => "_join" + Literals.Int(_ordinal);

        private string EmitMethod => "EmitJoined" + Literals.Int(_ordinal);

        private string KeyOps => "Join" + Literals.Int(_ordinal) + "KeyOps";

        private bool IsSemi => _join.JoinKind == JoinKind.LeftSemi;

        private string JoinType => StreamJoinG + "<" + Key + ", " + _join.LeftType.Name + ", " + _join.RightType.Name + ", " + KeyOps + ">";

        /// <summary>The key as the join's state sees it: a nullable reference key drops its '?'.</summary>
        private string Key => _join.KeyType.IsValueType ? _join.KeyType.Name : _join.KeyType.Name.TrimEnd('?');

        /// <summary>The join's field, and the second join's after it.</summary>
        public IEnumerable<string> FieldDeclarations()
        {
            yield return "private " + JoinType + " " + JoinField + " = null!;";
            if (Next is null) yield break;
            foreach (var field in Next.FieldDeclarations()) yield return field;
        }

        /// <summary>
        /// The engine's deadline for a batch without data: when the watermark would evict the oldest buffered row, or make
        /// the join's output watermark close the aggregation's next window.
        /// </summary>
        public void WriteDeadline(SourceWriter w) => w.Line("public long EventTimeDeadlineMs => " + (Next is not null
            // The second join evicts by this one's output watermark: its deadline in input terms.
            ? "global::System.Math.Min(" + Field + ".DeadlineMs, " + Field + ".InputWatermarkReaching(" + Next.JoinField + ".DeadlineMs));"
            : _aggregate is null
            ? Field + ".DeadlineMs;"
            : "global::System.Math.Min(" + Field + ".DeadlineMs, " + Field + ".InputWatermarkReaching(" + _aggregate.WindowField + ".NextWindowEndMs));"));

        /// <summary>The context an aggregation after the join opens with: what it closed before a restart follows the join's output watermark.</summary>
        public static string DownstreamContext(PhysicalPlan plan) => plan.StreamJoin is null
            ? "context"
            : "context.WithCommittedWatermark(" + Field + ".OutputWatermarkMs(context.CommittedWatermarkMs))";

        /// <summary>The watermark an aggregation after the join closes windows by: the join's output watermark.</summary>
        public static string DownstreamWatermark(PhysicalPlan plan) => plan.StreamJoin is null
            ? "batch.WatermarkMs"
            : Field + ".OutputWatermarkMs(batch.WatermarkMs)";

        /// <summary>Drops a joined row whose event time <paramref name="time"/> is late for the aggregation after the join, counting it against that operator.</summary>
        public static void WriteLateCheck(SourceWriter w, PhysicalPlan plan, string time, string skip)
        {
            int aggregate = 0;
            while (!ReferenceEquals(plan.StateOperators[aggregate], plan.AggregateState)) aggregate++;
            w.Open("if (" + time + " <= " + Field + ".LateThroughMs)");
            w.Line("batch.CountLateRows(" + Literals.Int(aggregate) + ", 1L);");
            w.Line(skip);
            w.Close();
        }

        /// <summary>Opens the join's state inside <c>Open</c>.</summary>
        public void WriteOpen(SourceWriter w)
        {
            var range = _join.TimeRange;
            string lower = range is null || range.LowerMs == long.MinValue ? "long.MinValue" : Long(range.LowerMs);
            string upper = range is null || range.UpperMs == long.MaxValue ? "long.MaxValue" : Long(range.UpperMs);
            // The second join's committed watermark is the first one's output watermark, by which it evicts.
            string context = _ordinal == 0 ? "context" : "context.WithCommittedWatermark(" + Field + ".OutputWatermarkMs(context.CommittedWatermarkMs))";
            w.Line(JoinField + " = new " + JoinType + "(" + context + ", " + Literals.String(StreamJoinPlanner.OperatorId(_ordinal)) + ", " + lower + ", " + upper + ", "
                + Serializer(_join.KeyType, "Key") + ", " + Serializer(_join.LeftType, "Left") + ", " + Serializer(_join.RightType, "Right") + ");");
            Next?.WriteOpen(w);
        }

        private static string Long(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture) + "L";

        private static bool NeedsSerializer(TypeSpec type) => !SerializerEmitter.IsRaw(type) && type.Shape != TypeShape.String;

        private string Serializer(TypeSpec type, string role) => NeedsSerializer(type) ? "new " + SerializerName(role) + "()" : "null";

        private string SerializerName(string role) => "Join" + Literals.Int(_ordinal) + role + "Serializer";

        /// <summary>The body of <c>Execute</c>: both inputs' loops, then eviction.</summary>
        public void WriteExecute(SourceWriter w)
        {
            var query = _plan.Query;
            if (_aggregate is { UsesBatchTable: true }) w.Line(_aggregate.BeginBatch);
            StaticJoinEmitter.WriteRefresh(w, query, StaticJoinEmitter.Joins(_plan.Source));
            if (_join.RightSource == query.SourceIndex)
            {
                // A self-join reads its input twice: each side in a block of its own, with an event-time tracker of its own.
                w.Line("// Left rows: find their matches among the buffered right rows, then buffer them.");
                w.Open();
                WriteTrackedSide(w, left: true, query.SourceIndex, _plan.Source);
                w.Close();
                w.Line("// Right rows (the same input again): find their matches among the buffered left rows (this batch's included), then buffer them.");
                w.Open();
                WriteTrackedSide(w, left: false, _join.RightSource, _joinPlan.Right);
                w.Close();
            }
            else
            {
                EventTimeEmitter.WriteStart(w, _plan.Source);
                EventTimeEmitter.WriteStart(w, _joinPlan.Right);
                w.Line("// Left rows: find their matches among the buffered right rows, then buffer them.");
                WriteSide(w, left: true, query.SourceIndex, query.Inputs[query.SourceIndex].RowType, _plan.Source);
                w.Line("// Right rows: find their matches among the buffered left rows (this batch's included), then buffer them.");
                WriteSide(w, left: false, _join.RightSource, query.Inputs[_join.RightSource].RowType, _joinPlan.Right);
                EventTimeEmitter.WriteEnd(w, _plan.Source, 0);
                EventTimeEmitter.WriteEnd(w, _joinPlan.Right, 0);
            }
            if (Next is { } next)
            {
                var input = query.Inputs[next._join.RightSource];
                EventTimeEmitter.WriteStart(w, next._joinPlan.Right);
                w.Line("// The third input's rows: find their matches among the buffered rows of the first join, then buffer them.");
                next.WriteSide(w, left: false, next._join.RightSource, input.RowType, next._joinPlan.Right);
                EventTimeEmitter.WriteEnd(w, next._joinPlan.Right, 1);
            }
            if (_join.TimeRange is not null) WriteEvictions(w, "batch.WatermarkMs");
            if (Next is { _join.TimeRange: not null }) Next.WriteEvictions(w, Field + ".OutputWatermarkMs(batch.WatermarkMs)");
            if (_aggregate is null) return;
            _aggregate.WriteMergeAndEmit(w);
            w.Line(Field + ".EndBatch(batch.WatermarkMs);");
        }

        /// <summary>Evicts by <paramref name="watermark"/>: the batch's, or for the second join the first one's output watermark.</summary>
        private void WriteEvictions(SourceWriter w, string watermark)
        {
            w.Line("// The watermark passed these rows' last chance to match: evict them, writing the unmatched rows of an outer side.");
            bool writesLeft = _join.JoinKind is JoinKind.LeftOuter or JoinKind.FullOuter;
            bool writesRight = _join.JoinKind is JoinKind.RightOuter or JoinKind.FullOuter;
            w.Open("while (" + JoinField + ".TryEvictLeft(" + watermark + ", out var __evictedLeft, out bool __leftMatched))");
            w.Line(writesLeft ? "if (!__leftMatched) " + EmitMethod + "(__evictedLeft, default!" + EmitTail + ");" : "// Inner or semi: an unmatched left row is dropped.");
            w.Close();
            w.Open("while (" + JoinField + ".TryEvictRight(" + watermark + ", out var __evictedRight, out bool __rightMatched))");
            w.Line(writesRight ? "if (!__rightMatched) " + EmitMethod + "(default!, __evictedRight" + EmitTail + ");" : "// Not an outer side: an unmatched right row is dropped.");
            w.Close();
        }

        private void WriteTrackedSide(SourceWriter w, bool left, int input, ImmutableEquatableArray<Stage> stages)
        {
            EventTimeEmitter.WriteStart(w, stages);
            WriteSide(w, left, input, _plan.Query.Inputs[input].RowType, stages);
            EventTimeEmitter.WriteEnd(w, stages, 0);
        }

        private void WriteSide(SourceWriter w, bool left, int input, TypeSpec inputType, ImmutableEquatableArray<Stage> stages)
        {
            var pipeline = new PipelineEmitter(w, "continue;", dropsLateRows: true);
            string row = pipeline.Local("r");
            bool byReference = inputType.IsValueType && inputType.Shape is not (TypeShape.Primitive or TypeShape.Enum);
            w.Open("foreach (" + (byReference ? "ref readonly var " : "var ") + row + " in inputs.Get<" + inputType.Name + ">(" + Literals.Int(input) + "))");
            var last = pipeline.Write(stages, new Row(row, isSpan: false)).Variable;
            WriteProbe(w, left, last, pipeline.SkipStatement);
            pipeline.CloseLoops();
            w.Close();
        }

        /// <summary>
        /// For one row of a side (<paramref name="last"/>): finds its matches among the other side's buffered rows, emits the
        /// joined rows, then buffers it; <paramref name="skip"/> leaves the row (a semi join's matched left row is not kept).
        /// </summary>
        private void WriteProbe(SourceWriter w, bool left, string last, string skip)
        {
            var keyLambda = left ? _join.LeftKey : _join.RightKey;
            w.Line("var __key = " + PipelineEmitter.Call(keyLambda, new Row(last, false)) + ";");
            var range = _join.TimeRange;
            string time = range is null ? "0L"
                : left ? EventTimeEmitter.UnixMs(range.LeftKind, range.LeftTime.Name + "(" + last + ")")
                : EventTimeEmitter.UnixMs(range.RightKind, range.RightTime.Name + "(" + last + ")");
            w.Line("long __time = " + time + ";");
            w.Line("bool __matched = false;");
            string other = left ? "Right" : "Left";
            w.Open("for (int __slot = " + JoinField + "." + other + ".First(" + KeyArgument() + "); __slot >= 0; __slot = " + JoinField + "." + other + ".Next(__slot))");
            w.Line("ref readonly var __other = ref " + JoinField + "." + other + ".Row(__slot);");
            string pair = left ? last + ", __other" : "__other, " + last;
            if (_join.Condition is { } condition) w.Line("if (!" + condition.Name + "(" + pair + ")) continue;");
            w.Line("__matched = true;");
            if (IsSemi && left)
            {
                w.Line("break;");
            }
            else if (IsSemi)
            {
                // A left row is written once, at its first match.
                w.Line("if (" + JoinField + ".Left.IsMatched(__slot)) continue;");
                w.Line(JoinField + ".MarkLeftMatched(__slot);");
                w.Line(EmitMethod + "(__other" + EmitTail + ");");
            }
            else
            {
                bool marksOther = left ? _join.JoinKind is JoinKind.RightOuter or JoinKind.FullOuter : _join.JoinKind is JoinKind.LeftOuter or JoinKind.FullOuter;
                if (marksOther) w.Line(JoinField + ".Mark" + other + "Matched(__slot);");
                w.Line(EmitMethod + "(" + pair + EmitTail + ");");
            }
            w.Close();
            if (IsSemi && left)
            {
                // A left row that matched on arrival is written now and never again: it need not be buffered.
                w.Open("if (__matched)");
                w.Line(EmitMethod + "(" + last + EmitTail + ");");
                w.Line(skip);
                w.Close();
            }
            w.Line(JoinField + ".Add" + (left ? "Left" : "Right") + "(" + KeyArgument() + ", " + last + ", __time, __matched);");
        }

        /// <summary>The emit method's arguments after the rows: the batch too when an aggregation counts late joined rows.</summary>
        private string EmitTail => _aggregate is null ? ", output" : ", output, batch";

        private string KeyArgument() => _join.KeyType.IsValueType || !_join.KeyType.Name.EndsWith("?", System.StringComparison.Ordinal) ? "__key" : "__key!";

        /// <summary>The emit method: the join's result (or the left row of a semi join) through the stages after the join.</summary>
        public void WriteEmitter(SourceWriter w)
        {
            string parameters = IsSemi
                ? _join.LeftType.Name + " __left"
                : _join.LeftType.Name + " __left, " + _join.RightType.Name + " __right";
            w.Line("// Plan: Join -> " + string.Join(" -> ", _joinPlan.AfterJoin.Where(s => s.Operator is not null).Select(s => Planner.OperatorText(s.Operator!))
                .Concat(new[] { Next is not null ? "Join(probe the buffered rows of the third input, then buffer)" : _aggregate is null ? "Sink" : _aggregate.LoopText })));
            // A deduplication, an aggregation or a second join after the join keeps its state in fields of the plan.
            bool instance = _aggregate is not null || Next is not null || _joinPlan.AfterJoin.Any(s => s.Kind == StageKind.Dedup);
            w.Open("private " + (instance ? string.Empty : "static ") + "void " + EmitMethod + "(" + parameters + ", " + KnownNames.RowBufferG + "<" + _output + "> output"
                + (_aggregate is null ? ")" : ", " + KnownNames.BatchContextG + " batch)"));
            var pipeline = new PipelineEmitter(w, "return;");
            string first = IsSemi ? "__left" : pipeline.Local("r");
            if (!IsSemi) w.Line("var " + first + " = " + _join.Result!.Name + "(__left, __right);");
            var last = pipeline.Write(_joinPlan.AfterJoin, new Row(first, isSpan: false));
            if (Next is not null) Next.WriteProbe(w, left: true, last.Variable, pipeline.SkipStatement);
            else if (_aggregate is null) w.Line("output.Add(" + last.Variable + ");");
            else _aggregate.WriteAccumulate(w, pipeline, last);
            pipeline.CloseLoops();
            w.Close();
            if (Next is null) return;
            w.Line();
            Next.WriteEmitter(w);
        }

        /// <summary>The lambdas of the right side, the join and the stages after it.</summary>
        public void WriteLambdas(SourceWriter w)
        {
            foreach (var stage in _joinPlan.Right) LambdaEmitter.WriteStage(w, stage);
            LambdaEmitter.Write(w, "Left key", _join.LeftKey, valueForm: true, spanForm: false);
            LambdaEmitter.Write(w, "Right key", _join.RightKey, valueForm: true, spanForm: false);
            if (_join.TimeRange is { } range)
            {
                LambdaEmitter.Write(w, "Left time", range.LeftTime, valueForm: true, spanForm: false);
                LambdaEmitter.Write(w, "Right time", range.RightTime, valueForm: true, spanForm: false);
            }
            if (_join.Condition is { } condition) StaticJoinEmitter.WritePair(w, "Join condition", condition);
            if (_join.Result is { } result) StaticJoinEmitter.WritePair(w, "Join result", result);
            foreach (var stage in _joinPlan.AfterJoin) LambdaEmitter.WriteStage(w, stage);
            Next?.WriteLambdas(w);
        }

        /// <summary>The key operations and the serialisers of the buffered keys and rows.</summary>
        public void WriteTypes(SourceWriter w, SerializerEmitter codec)
        {
            w.Line();
            KeyOpsEmitter.Write(w, KeyOps, _join.KeyType, spanKeys: false);
            foreach (var (type, role, name) in new[] { (_join.KeyType, "Key", Key), (_join.LeftType, "Left", _join.LeftType.Name), (_join.RightType, "Right", _join.RightType.Name) })
            {
                if (!NeedsSerializer(type)) continue;
                w.Line();
                codec.WriteSerializer(w, SerializerName(role), name, "Encodes the join's buffered " + role.ToLowerInvariant() + (role == "Key" ? "s." : " rows."),
                    s => s.Line(codec.Write(type, name, "writer", "value")),
                    s => s.Line("return " + codec.Read(type, name, "bytes", "offset") + ";"));
            }
            Next?.WriteTypes(w, codec);
        }
    }
}
