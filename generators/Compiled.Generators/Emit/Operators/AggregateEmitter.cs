using System.Collections.Generic;
using System.Linq;
using Compiled.Generators.Model;
using Compiled.Generators.Planning;

namespace Compiled.Generators.Emit.Operators
{
    /// <summary>
    /// Writes the aggregation: fold each row into the operator's table (its state when state is in memory only), merge
    /// each group the batch changed into a durable store once, then emit changed groups (Update) or every group (Complete).
    /// </summary>
    internal sealed partial class AggregateEmitter
    {
        private const string AggregateTableG = "global::Compiled.Aggregation.AggregateTable";

        private readonly PhysicalPlan _plan;
        private readonly PlanSegment _segment;
        private readonly AggregateSpec _aggregate;
        private readonly string _output;
        private readonly int _ordinal;

        /// <summary>The aggregation starting segment <paramref name="segment"/> of <paramref name="plan"/>: 1 for the first, 2 for one fed by it.</summary>
        public AggregateEmitter(PhysicalPlan plan, int segment = 1)
        {
            _plan = plan;
            _segment = plan.Segments[segment];
            _aggregate = (AggregateSpec)_segment.Breaker!;
            _output = plan.Query.OutputType.Name;
            _ordinal = segment - 1;
            if (segment + 1 < plan.Segments.Count && plan.Segments[segment + 1].Breaker is AggregateSpec) Next = new AggregateEmitter(plan, segment + 1);
        }

        /// <summary>The aggregation fed by the rows this one emits (a chained window aggregation), or null.</summary>
        public AggregateEmitter? Next { get; }

        /// <summary>The accumulator type.</summary>
        public string State => StateOf(_ordinal);

        /// <summary>The accumulator type of the aggregation numbered <paramref name="ordinal"/> in chain order.</summary>
        public static string StateOf(int ordinal) => Name(ordinal, "State");

        /// <summary>The batch table field.</summary>
        public string TableField => "_table" + Literals.Int(_ordinal);

        /// <summary>The state store field.</summary>
        public string StoreField => "_store" + Literals.Int(_ordinal);

        /// <summary>The method turning one group into output rows.</summary>
        public string EmitMethod => "EmitGroup" + Literals.Int(_ordinal);

        private string KeyOps => Name(_ordinal, "KeyOps");

        private string Visitor => Name(_ordinal, "Visitor");

        private string KeySerializer => Name(_ordinal, "KeySerializer");

        private string StateSerializer => Name(_ordinal, "StateSerializer");

        private static string Name(int ordinal, string suffix) => "Aggregate" + Literals.Int(ordinal) + suffix;

        /// <summary>True for an aggregation fed by another aggregation's rows rather than by the input loop.</summary>
        private bool Chained => _ordinal > 0;

        /// <summary>The state operator of this aggregation.</summary>
        private StateOperatorPlan StatePlan => _segment.State!;

        /// <summary>The stages each emitted group's row runs through, up to the sink or the next aggregation.</summary>
        private ImmutableEquatableArray<Stage> After => _segment.Stages;

        /// <summary>True when keys are looked up from span rows: only the first aggregation, fed by the input loop, can be.</summary>
        private bool FromSpan => !Chained && _plan.AggregateFromSpan;

        private string Key => _aggregate.KeyType.Name;

        /// <summary>The key as the state store sees it: stores require non-null keys, so a nullable reference key drops its '?'.</summary>
        private string StoreKey => _aggregate.KeyType.IsValueType ? Key : Key.TrimEnd('?');

        private string StoreKeyArgument => _aggregate.KeyType.IsValueType || !Key.EndsWith("?", System.StringComparison.Ordinal)
            ? "in __entry.Key"
            : "in __entry.Key!";

        private string RowBuffer => KnownNames.RowBufferG + "<" + _output + ">";

        /// <summary>The table and store fields.</summary>
        public IEnumerable<string> Fields()
        {
            if (IsWindowed) return WindowFields();
            return StoreFields();
        }

        private IEnumerable<string> StoreFields()
        {
            string table = AggregateTableG + "<" + Key + ", " + State + ", " + KeyOps + ">";
            yield return "private readonly " + table + " " + TableField + " = new " + table + "(" + Literals.String(StatePlan.OperatorId) + ");";
            yield return "private " + KnownNames.IStateStoreG + "<" + StoreKey + ", " + State + ">? " + StoreField + ";";
        }

        /// <summary>The call starting a batch on the table the fused loop folds into, before the loop.</summary>
        public string BeginBatch => TableField + (IsWindowed ? ".Clear();" : ".BeginBatch();");

        /// <summary>Opens the state store inside <c>Open</c>.</summary>
        public void WriteOpen(SourceWriter w)
        {
            if (IsWindowed)
            {
                WriteWindowOpen(w);
                return;
            }
            string keySerializer = SerializerEmitter.IsRaw(_aggregate.KeyType) ? "null" : "new " + KeySerializer + "()";
            string stateSerializer = AccumulatorLayout.IsUnmanaged(_aggregate) ? "null" : "new " + StateSerializer + "()";
            // Null when state is kept in memory only: the table is then the state itself.
            w.Line(StoreField + " = context.GetStateStore<" + Key + ", " + StoreKey + ", " + State + ", " + KeyOps + ">(" + TableField
                + ", " + keySerializer + ", " + stateSerializer + ");");
        }

        /// <summary>How many rows ahead of its lookups the input loop prefetches table slots (see <see cref="PrefetchesInputKeys"/>).</summary>
        public const int PrefetchDistance = 8;

        /// <summary>
        /// True when the input loop prefetches the table slot of the row <see cref="PrefetchDistance"/> ahead, so the table's
        /// cache misses overlap instead of each stalling the loop: the rows reach the table unchanged (no stage between the
        /// input and the aggregation, so the row ahead is one the table will see) and the key is an unmanaged value, cheap
        /// enough to compute and hash twice.
        /// </summary>
        public bool PrefetchesInputKeys =>
            !IsWindowed && !Chained && !FromSpan && _plan.Source.Count == 0 && _aggregate.KeyType.IsUnmanaged;

        /// <summary>The prefetch of the slot of <paramref name="rowAhead"/>'s key.</summary>
        public string PrefetchCall(string rowAhead) =>
            TableField + ".Prefetch(" + PipelineEmitter.Call(_aggregate.Key, new Row(rowAhead, isSpan: false)) + ");";

        /// <summary>Accumulates <paramref name="row"/> into the batch table, inside the fused loop.</summary>
        public void WriteAccumulate(SourceWriter w, PipelineEmitter pipeline, Row row)
        {
            bool needsAdded = _aggregate.Calls.Any(c => c.Kind is AggregateKind.Min or AggregateKind.Max);
            string slot;
            if (IsWindowed)
            {
                slot = WriteWindowSlot(w, pipeline, row);
            }
            else
            {
                string key = FromSpan ? row.Variable : PipelineEmitter.Call(_aggregate.Key, row);
                slot = TableField + "." + (FromSpan ? "FindOrAdd<" + KnownNames.CharSpanG + ", " + KeyOps + ">(" : "FindOrAdd(") + key;
            }
            w.Line("ref var " + AccumulatorLocal + " = ref " + slot + ", out " + (needsAdded ? "bool __added" : "_") + ");");
            for (int i = 0; i < _aggregate.Calls.Count; i++)
            {
                var call = _aggregate.Calls[i];
                string field = AccumulatorLocal + "." + GeneratedNames.ValueField(i);
                string? argument = call.Argument is null ? null
                    : FromSpan ? PipelineEmitter.SpanName(call.Argument) + "(" + row.Variable + ")"
                    : PipelineEmitter.Call(call.Argument, row);
                switch (call.Kind)
                {
                    case AggregateKind.Count:
                    case AggregateKind.LongCount:
                        w.Line(argument is null ? field + "++;" : "if (" + argument + ") " + field + "++;");
                        break;
                    case AggregateKind.Sum:
                        w.Line(field + " += " + argument + ";");
                        break;
                    case AggregateKind.Average:
                        w.Line(field + " += " + argument + ";");
                        w.Line(AccumulatorLocal + "." + GeneratedNames.CountField(i) + "++;");
                        break;
                    default:
                        string value = "__v" + Literals.Int(i);
                        w.Line("var " + value + " = " + argument + ";");
                        string better = call.Kind == AggregateKind.Min
                            ? AccumulatorLayout.Less(call.ValueType!, value, field)
                            : AccumulatorLayout.Less(call.ValueType!, field, value);
                        w.Line("if (__added || " + better + ") " + field + " = " + value + ";");
                        break;
                }
            }
        }

        /// <summary>After the loop: merge each distinct key once, then emit.</summary>
        public void WriteMergeAndEmit(SourceWriter w)
        {
            if (IsWindowed)
            {
                WriteWindowApply(w);
                return;
            }
            bool update = _plan.Query.OutputMode == OutputModes.Update;
            w.Line("// Plan: Aggregate -> the table is the state, or a store it handed its state to reads the groups the batch changed together"
                + " and merges each once" + (update ? " -> emit the groups this batch changed" : " -> emit every group (Complete)"));
            w.Line("var __store = " + StoreField + " ??= " + TableField + ".HandedOffTo<" + StoreKey + ">();");
            if (update)
            {
                w.Line("if (__store is not null) " + TableField + ".PrefetchChanged(__store);");
                w.Open("for (int __i = 0; __i < " + TableField + ".ChangedCount; __i++)");
                w.Line("ref var __entry = ref " + TableField + ".ChangedAt(__i);");
                w.Open("if (__store is not null)");
                WriteMerge(w);
                w.Close();
                w.Line(EmitMethod + "(__entry.Key, __entry.Value, output);");
                w.Close();
                return;
            }
            w.Open("if (__store is null)");
            w.Open("for (int __i = 0; __i < " + TableField + ".Count; __i++)");
            w.Line("ref var __entry = ref " + TableField + ".EntryAt(__i);");
            w.Line(EmitMethod + "(__entry.Key, __entry.Value, output);");
            w.Close();
            w.Close();
            w.Open("else");
            w.Line(TableField + ".PrefetchChanged(__store);");
            w.Open("for (int __i = 0; __i < " + TableField + ".ChangedCount; __i++)");
            w.Line("ref var __entry = ref " + TableField + ".ChangedAt(__i);");
            WriteMerge(w);
            w.Close();
            w.Line("var __visitor = new " + Visitor + "(this, output);");
            w.Line("__store.ForEach(ref __visitor);");
            w.Close();
        }

        // One lookup in the durable store per changed group: the batch's accumulator folds the stored one in and replaces it.
        private void WriteMerge(SourceWriter w)
        {
            w.Line("ref var __state = ref __store.GetOrAdd(" + StoreKeyArgument + ", out bool __existed);");
            w.Line("if (__existed) " + State + ".Merge(ref __entry.Value, in __state);");
            w.Line("__state = __entry.Value;");
        }

        /// <summary>The method turning one group into output rows, running the stages after the aggregation.</summary>
        public void WriteGroupEmitter(SourceWriter w)
        {
            w.Line("// Plan: " + string.Join(" -> ", new[] { "Aggregate" }.Concat(After
                .Where(s => s.Operator is not null).Select(s => Planner.OperatorText(s.Operator!)))) + " -> " + (Next is null ? "Sink" : Next.LoopText));
            w.Open("private void " + EmitMethod + "(" + Key + " " + GeneratedNames.Key + ", " + State + " "
                + GeneratedNames.Accumulator + ", " + RowBuffer + " output)");
            var pipeline = new PipelineEmitter(w, "return;");
            string first = pipeline.Local("r");
            w.Line("var " + first + " = " + ResultMethod(_aggregate) + "(" + GeneratedNames.Key + ", " + GeneratedNames.Accumulator + ");");
            var row = pipeline.Write(After, new Row(first, isSpan: false));
            if (Next is null) w.Line("output.Add(" + row.Variable + ");");
            else Next.WriteAccumulate(w, pipeline, row);
            pipeline.CloseLoops();
            w.Close();
            if (Next is null) return;
            w.Line();
            Next.WriteGroupEmitter(w);
        }

        /// <summary>The method computing a group's result row.</summary>
        public static string ResultMethod(AggregateSpec aggregate) => aggregate.Key.Name.Replace("GroupKey", "Result");

        /// <summary>The accumulator, key operations, visitor and serialisers.</summary>
        public void WriteTypes(SourceWriter w, SerializerEmitter codec)
        {
            WriteState(w);
            if (IsWindowed)
            {
                if (OtherKeyType is { } other)
                {
                    w.Line();
                    KeyOpsEmitter.Write(w, KeyOps, other, spanKeys: false);
                }
                w.Line();
                WriteWindowEmitterType(w);
            }
            else
            {
                w.Line();
                KeyOpsEmitter.Write(w, KeyOps, _aggregate.KeyType, FromSpan);
            }
            if (!IsWindowed && _plan.Query.OutputMode != OutputModes.Update)
            {
                w.Line();
                w.Line("/// <summary>Emits every group of the state store (Complete mode).</summary>");
                w.Open("private readonly struct " + Visitor + " : " + KnownNames.IStateVisitorG + "<" + StoreKey + ", " + State + ">");
                w.Line("private readonly " + Emitter.PlanClass + " _plan;");
                w.Line("private readonly " + RowBuffer + " _output;");
                w.Line();
                w.Open("public " + Visitor + "(" + Emitter.PlanClass + " plan, " + RowBuffer + " output)");
                w.Line("_plan = plan;");
                w.Line("_output = output;");
                w.Close();
                w.Line();
                w.Line("public void Visit(in " + StoreKey + " key, in " + State + " value) => _plan." + EmitMethod + "(key, value, _output);");
                w.Close();
            }
            WriteSerializers(w, codec);
            if (Next is null) return;
            w.Line();
            Next.WriteTypes(w, codec);
        }

        private void WriteState(SourceWriter w)
        {
            w.Line("/// <summary>Accumulator of one group: " + Emitter.Xml(string.Join(", ", _aggregate.Calls.Select(c => c.Kind.ToString()))) + ".</summary>");
            // A windowed aggregation folds panes, sessions and batches through the interface, without a delegate; a keyed
            // one's changelog sections write an accumulator without references in its compact form through it.
            bool unmanaged = AccumulatorLayout.IsUnmanaged(_aggregate);
            w.Open("public struct " + State + (IsWindowed || unmanaged ? " : " + WindowsNamespace + "IWindowAccumulator<" + State + ">" : string.Empty));
            foreach (var field in AccumulatorLayout.Fields(_aggregate)) w.Line("public " + field.TypeName + " " + field.Name + ";");
            w.Line();
            w.Line("/// <summary>Folds <paramref name=\"earlier\"/>, the state before this batch, into this batch's <paramref name=\"into\"/>.</summary>");
            w.Open("public static void Merge(ref " + State + " into, in " + State + " earlier)");
            for (int i = 0; i < _aggregate.Calls.Count; i++)
            {
                var call = _aggregate.Calls[i];
                string into = "into." + GeneratedNames.ValueField(i), earlier = "earlier." + GeneratedNames.ValueField(i);
                switch (call.Kind)
                {
                    case AggregateKind.Min:
                        // Earlier rows win ties, as in a sequential Min over all rows.
                        w.Line("if (!(" + AccumulatorLayout.Less(call.ValueType!, into, earlier) + ")) " + into + " = " + earlier + ";");
                        break;
                    case AggregateKind.Max:
                        w.Line("if (!(" + AccumulatorLayout.Less(call.ValueType!, earlier, into) + ")) " + into + " = " + earlier + ";");
                        break;
                    case AggregateKind.Average:
                        w.Line(into + " += " + earlier + ";");
                        w.Line("into." + GeneratedNames.CountField(i) + " += earlier." + GeneratedNames.CountField(i) + ";");
                        break;
                    default:
                        w.Line(into + " += " + earlier + ";");
                        break;
                }
            }
            w.Close();
            if (unmanaged && (!IsWindowed || Window.Kind != WindowKind.Session)) WriteCompactForm(w);
            w.Close();
        }

        /// <summary>
        /// The accumulator's durable form in window chunks and changelog sections: integer fields as varints (a count of
        /// one is one byte, not eight), the others as their raw bytes.
        /// </summary>
        private void WriteCompactForm(SourceWriter w)
        {
            var fields = AccumulatorLayout.Fields(_aggregate).ToArray();
            string self = WindowsNamespace + "IWindowAccumulator<" + State + ">.";
            w.Line();
            w.Line("// " + (IsWindowed ? "Window chunks" : "Changelog sections") + ": integer fields as varints, the others raw.");
            // An aggregation without calls (Distinct) has no fields: its accumulator takes no bytes.
            string maxBytes = fields.Length == 0 ? "0" : string.Join(" + ", fields.Select(f => AccumulatorLayout.CompactForm(f.TypeName).MaxBytes));
            w.Line("static int " + self + "MaxCompactBytes => " + maxBytes + ";");
            w.Line();
            w.Open("static void " + self + "WriteCompact(ref " + WindowsNamespace + "ChunkWriter writer, in " + State + " value)");
            foreach (var f in fields) w.Line("writer." + AccumulatorLayout.CompactForm(f.TypeName).Write + "(value." + f.Name + ");");
            w.Close();
            w.Line();
            w.Open("static " + State + " " + self + "ReadCompact(ref " + WindowsNamespace + "ChunkReader reader)");
            w.Line("var value = default(" + State + ");");
            foreach (var f in fields) w.Line("value." + f.Name + " = reader." + AccumulatorLayout.CompactForm(f.TypeName).Read + "();");
            w.Line("return value;");
            w.Close();
        }

        /// <summary>The key and state serialisers; composite types they share go to <paramref name="codec"/>, written by the plan.</summary>
        private void WriteSerializers(SourceWriter w, SerializerEmitter codec)
        {
            var key = IsWindowed ? OtherKeyType : _aggregate.KeyType;
            if (key is not null && !SerializerEmitter.IsRaw(key))
            {
                string keyName = IsWindowed ? key.Name : StoreKey;
                w.Line();
                codec.WriteSerializer(w, KeySerializer, keyName, IsWindowed ? "Encodes the key parts besides the window." : "Encodes the group key.",
                    s => s.Line(codec.Write(key, keyName, "writer", "value")),
                    s => s.Line("return " + codec.Read(key, keyName, "bytes", "offset") + ";"));
            }
            if (!AccumulatorLayout.IsUnmanaged(_aggregate))
            {
                var fields = AccumulatorLayout.Fields(_aggregate).ToArray();
                w.Line();
                codec.WriteSerializer(w, StateSerializer, State, "Encodes the accumulator, field by field.",
                    s =>
                    {
                        foreach (var f in fields) s.Line(codec.Write(f.Type, f.TypeName, "writer", "value." + f.Name));
                    },
                    s =>
                    {
                        s.Line("var state = new " + State + "();");
                        foreach (var f in fields) s.Line("state." + f.Name + " = " + codec.Read(f.Type, f.TypeName, "bytes", "offset") + ";");
                        s.Line("return state;");
                    });
            }
        }
    }
}
