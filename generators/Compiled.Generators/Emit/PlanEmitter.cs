using System.Collections.Generic;
using System.Linq;
using Compiled.Generators.Emit.Operators;
using Compiled.Generators.Model;
using Compiled.Generators.Planning;

namespace Compiled.Generators.Emit
{
    /// <summary>Writes the nested class implementing <c>IQueryPlan&lt;TOut&gt;</c>: info, state, the fused loops and the copied lambdas.</summary>
    internal sealed class PlanEmitter
    {
        /// <summary>Grows a scratch buffer for span case mapping.</summary>
        public const string ScratchMethod = "Scratch";

        private const string InputLocal = "__input";
        private const string AppendSpanLocal = "__output";
        private const string AppendCountLocal = "__written";

        private readonly SourceWriter _w;
        private readonly PhysicalPlan _plan;
        private readonly QuerySpec _query;
        private readonly AggregateEmitter? _aggregate;
        private readonly GroupStateEmitter? _groupState;
        private readonly List<StaticJoinSpec> _staticJoins;
        private readonly StreamJoinEmitter? _streamJoin;

        public PlanEmitter(SourceWriter writer, PhysicalPlan plan)
        {
            _w = writer;
            _plan = plan;
            _query = plan.Query;
            _aggregate = plan.Aggregate is null ? null : new AggregateEmitter(plan);
            _groupState = GroupStateEmitter.Of(plan) is { } state ? new GroupStateEmitter(plan, state) : null;
            _staticJoins = StaticJoinEmitter.Joins(plan.Source);
            _streamJoin = plan.StreamJoin is null ? null : new StreamJoinEmitter(plan, _aggregate);
        }

        private string Output => _query.OutputType.Name;

        public void Write()
        {
            _w.Line("/// <summary>Compiled plan of <c>" + Emitter.Xml(_query.QueryName) + "</c>.</summary>");
            _w.Line("// Plan: " + _plan.Description.Replace("\n", " -> "));
            _w.Line(Literals.GeneratedCode);
            _w.Open("private sealed class " + Emitter.PlanClass + " : " + KnownNames.IQueryPlanG + "<" + Output + ">");
            WriteInfo();
            WriteFields();
            StaticJoinEmitter.WriteConstructor(_w, _query);
            _w.Line();
            _w.Line("public " + KnownNames.QueryPlanInfoG + " Info => s_info;");
            if (_aggregate is { IsWindowed: true } && _streamJoin is null)
            {
                _w.Line();
                _aggregate.WriteDeadline(_w);
            }
            if (_streamJoin is not null && _plan.StateOperators.Any(s => s.NeedsNoDataBatch))
            {
                _w.Line();
                _streamJoin.WriteDeadline(_w);
            }
            _groupState?.WriteDeadline(_w);
            _w.Line();
            _w.Open("public void Open(" + KnownNames.PlanContextG + " context)");
            // In chain order, which is the order progress reports the operators in.
            DedupEmitter.WriteOpen(_w, _plan.Source);
            _streamJoin?.WriteOpen(_w);
            if (_plan.StreamJoin is { } join) DedupEmitter.WriteOpen(_w, join.AfterJoin);
            _aggregate?.WriteOpen(_w);
            _groupState?.WriteOpen(_w);
            DedupEmitter.WriteOpen(_w, _plan.AfterAggregate);
            _w.Close();
            _w.Line();
            WriteExecute();
            if (_streamJoin is not null)
            {
                _w.Line();
                _streamJoin.WriteEmitter(_w);
            }
            if (_aggregate is not null)
            {
                _w.Line();
                _aggregate.WriteGroupEmitter(_w);
            }
            if (_groupState is not null)
            {
                _w.Line();
                _groupState.WriteEmitter(_w);
            }
            if (AllStages.Any(s => s.Kind == StageKind.SpanMap))
            {
                _w.Line();
                _w.Open("private static global::System.Span<char> " + ScratchMethod + "(ref char[] buffer, int length)");
                _w.Line("if (buffer.Length < length) buffer = new char[global::System.Math.Max(length, buffer.Length * 2)];");
                _w.Line("return buffer;");
                _w.Close();
            }
            LambdaEmitter.Write(_w, _plan);
            _streamJoin?.WriteLambdas(_w);
            var codec = new SerializerEmitter();
            DedupEmitter.WriteTypes(_w, AllStages, codec);
            _groupState?.WriteTypes(_w, codec);
            if (_aggregate is not null)
            {
                _w.Line();
                _aggregate.WriteTypes(_w, codec);
            }
            _streamJoin?.WriteTypes(_w, codec);
            codec.WriteCodec(_w);
            StaticJoinEmitter.WriteTypes(_w, _staticJoins);
            _w.Close();
        }

        private IEnumerable<Stage> AllStages => _plan.StreamJoin is { } join
            ? _plan.Source.Concat(join.Right).Concat(join.AfterJoin).Concat(join.Then?.Right ?? ImmutableEquatableArray<Stage>.Empty)
                .Concat(join.Then?.AfterJoin ?? ImmutableEquatableArray<Stage>.Empty).Concat(_plan.AfterAggregate)
            : _plan.Source.Concat(_plan.Union?.Other ?? ImmutableEquatableArray<Stage>.Empty).Concat(_plan.Segments.Skip(1).SelectMany(s => s.Stages));

        private void WriteInfo()
        {
            string info = KnownNames.QueryPlanInfoG;
            _w.Line("private static readonly " + info + " s_info = new " + info + "(");
            _w.Line("    " + Literals.String(_query.QueryName) + ",");
            _w.Line("    " + Literals.String(_plan.Fingerprint) + ",");
            _w.Line("    " + Literals.OutputMode(_query.OutputMode) + ",");
            _w.Line("    new " + KnownNames.InputInfoG + "[]");
            _w.Line("    {");
            for (int i = 0; i < _query.Inputs.Count; i++)
            {
                var input = _query.Inputs[i];
                var watermark = EventTimeEmitter.Watermarks(AllStages).FirstOrDefault(m => m.Input == i);
                string watermarkInfo = watermark is null ? string.Empty
                    : ", new " + KnownNames.WatermarkInfoG + "(" + watermark.DelayMs.ToString(System.Globalization.CultureInfo.InvariantCulture) + "L, "
                        + KnownNames.LateRowsG + "." + watermark.LateRows + ")";
                _w.Line("        new " + KnownNames.InputInfoG + "(" + Literals.String(input.Name) + ", "
                    + Literals.String(input.RowType.Name.Replace("global::", string.Empty)) + watermarkInfo + "),");
            }
            _w.Line("    },");
            _w.Line("    new " + KnownNames.StateOperatorInfoG + "[]");
            _w.Line("    {");
            foreach (var state in _plan.StateOperators)
            {
                _w.Line("        // Schema: " + state.Schema);
                _w.Line("        new " + KnownNames.StateOperatorInfoG + "(" + Literals.String(state.OperatorId) + ", "
                    + Literals.String(state.OperatorName) + ", " + Literals.String(state.SchemaFingerprint)
                    + (state.NeedsNoDataBatch ? ", NeedsNoDataBatch: true" : string.Empty) + "),");
            }
            _w.Line("    },");
            _w.Line("    " + Literals.String(_plan.Description) + ");");
        }

        private void WriteFields()
        {
            var fields = PipelineEmitter.Fields(AllStages).ToList();
            fields.AddRange(StaticJoinEmitter.Fields(_query, _staticJoins));
            if (_aggregate is not null) fields.AddRange(_aggregate.Fields());
            fields.AddRange(DedupEmitter.Fields(AllStages));
            if (_streamJoin is not null) fields.AddRange(_streamJoin.FieldDeclarations());
            if (_groupState is not null) fields.Add(_groupState.FieldDeclaration);
            if (fields.Count > 0) _w.Line();
            foreach (var field in fields) _w.Line(field);
        }

        private void WriteExecute()
        {
            var source = _query.Inputs[_query.SourceIndex];
            // Called once a batch through the interface: profile-guided devirtualization otherwise inlines the whole batch
            // loop into the engine's (or a benchmark's) caller, where W2a's Update loop ran 5-15 % slower.
            _w.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]");
            _w.Open("public void Execute(" + KnownNames.BatchInputsG + " inputs, " + KnownNames.RowBufferG + "<" + Output + "> output, "
                + KnownNames.BatchContextG + " batch)");
            if (_streamJoin is not null)
            {
                _w.Line("// Plan: " + _plan.Description.Replace("\n", " -> "));
                _streamJoin.WriteExecute(_w);
                _w.Close();
                return;
            }
            WritePlanLine(source.Name, _plan.Source, _plan.Union?.SharedFrom ?? -1);
            if (_aggregate is { UsesBatchTable: true }) _w.Line(_aggregate.BeginBatch);
            _aggregate?.WriteBeforeLoop(_w);
            StaticJoinEmitter.WriteRefresh(_w, _query, _staticJoins);
            EventTimeEmitter.WriteStart(_w, _plan.Source);
            var type = source.RowType;
            string input = "inputs.Get<" + type.Name + ">(" + Literals.Int(_query.SourceIndex) + ")";
            bool reserved = _aggregate is null && _plan.Write != SourceWrite.Append;
            if (reserved)
            {
                // At most one output row per input row: reserve once and count in a local, not a capacity check per row.
                _w.Line("var " + InputLocal + " = " + input + ";");
                _w.Line("var " + AppendSpanLocal + " = output.GetAppendSpan(" + InputLocal + ".Length);");
                _w.Line("int " + AppendCountLocal + " = 0;");
                input = InputLocal;
            }
            var pipeline = OpenInputLoop(type, input, out string row, _aggregate is { PrefetchesInputKeys: true } ? _aggregate : null);
            if (_aggregate is not null)
            {
                _aggregate.WriteAccumulate(_w, pipeline, pipeline.Write(_plan.Source, new Row(row, isSpan: false)));
            }
            else if (_groupState is not null)
            {
                _groupState.WriteAccumulate(_w, pipeline.Write(_plan.Source, new Row(row, isSpan: false)));
            }
            else if (_plan.Write == SourceWrite.BranchFree)
            {
                var verdicts = new List<string>();
                var last = pipeline.WriteBranchFree(_plan.Source, new Row(row, isSpan: false), verdicts);
                _w.Line("// Every row is written; only the ones all filters kept are counted.");
                _w.Line(AppendSpanLocal + "[" + AppendCountLocal + "] = " + last.Variable + ";");
                string kept = verdicts.Count == 1 ? verdicts[0] : "(" + string.Join(" & ", verdicts) + ")";
                _w.Line(AppendCountLocal + " += " + kept + " ? 1 : 0;");
            }
            else
            {
                var last = pipeline.Write(_plan.Source, new Row(row, isSpan: false));
                _w.Line(reserved ? AppendSpanLocal + "[" + AppendCountLocal + "++] = " + last.Variable + ";" : "output.Add(" + last.Variable + ");");
            }
            pipeline.CloseLoops();
            _w.Close();
            if (reserved) _w.Line("output.Advance(" + AppendCountLocal + ");");
            EventTimeEmitter.WriteEnd(_w, _plan.Source, _plan.StateOperators.Count > 0 ? 0 : -1);
            if (_plan.Union is { } union) WriteUnionLoop(union);
            _aggregate?.WriteMergeAndEmit(_w);
            _groupState?.WriteRun(_w);
            DedupEmitter.WriteEvictions(_w, AllStages);
            _w.Close();
        }

        /// <summary>The other input of a union: its own stages, then the stages after the union, into the same sink or aggregation.</summary>
        private void WriteUnionLoop(UnionPlan union)
        {
            var input = _query.Inputs[union.Union.OtherSource];
            var stages = union.Other.Concat(_plan.Source.Skip(union.SharedFrom)).ToList();
            WritePlanLine(input.Name, stages, union.Other.Count);
            EventTimeEmitter.WriteStart(_w, union.Other);
            var pipeline = OpenInputLoop(input.RowType, "inputs.Get<" + input.RowType.Name + ">(" + Literals.Int(union.Union.OtherSource) + ")", out string row);
            var last = pipeline.Write(stages, new Row(row, isSpan: false));
            if (_aggregate is not null) _aggregate.WriteAccumulate(_w, pipeline, last);
            else if (_groupState is not null) _groupState.WriteAccumulate(_w, last);
            else _w.Line("output.Add(" + last.Variable + ");");
            pipeline.CloseLoops();
            _w.Close();
            EventTimeEmitter.WriteEnd(_w, union.Other, _plan.StateOperators.Count > 0 ? 0 : -1);
        }

        /// <summary>The plan comment of an input loop; a union's other input shows where it joins the first input's stages.</summary>
        private void WritePlanLine(string input, IEnumerable<Stage> stages, int unionAt = -1)
        {
            var steps = new List<string> { "Source(" + input + ")" };
            int at = 0;
            foreach (var stage in stages)
            {
                if (at++ == unionAt) steps.Add("Union");
                if (stage.Operator is not null) steps.Add(Planner.OperatorText(stage.Operator));
            }
            if (at == unionAt) steps.Add("Union");
            steps.Add(_groupState is not null ? GroupStateEmitter.Of(_plan)!.Name + "(group the batch's rows by key)"
                : _aggregate is null ? "Sink" : _aggregate.LoopText);
            _w.Line("// Plan: " + string.Join(" -> ", steps));
        }

        /// <summary>
        /// Opens the loop over an input's rows (by reference for structs); returns the pipeline writing its stages. With
        /// <paramref name="prefetching"/> (see <see cref="AggregateEmitter.PrefetchesInputKeys"/>) the loop is indexed, and
        /// each row first prefetches the table slot of the row a few places ahead.
        /// </summary>
        private PipelineEmitter OpenInputLoop(TypeSpec type, string input, out string row, AggregateEmitter? prefetching = null)
        {
            var pipeline = new PipelineEmitter(_w, "continue;", dropsLateRows: _plan.StateOperators.Count > 0);
            row = pipeline.Local("r");
            bool byReference = type.IsValueType && type.Shape is not (TypeShape.Primitive or TypeShape.Enum);
            if (prefetching is null)
            {
                _w.Open("foreach (" + (byReference ? "ref readonly var " : "var ") + row + " in " + input + ")");
                return pipeline;
            }
            string rows = pipeline.Local("rows"), index = pipeline.Local("i");
            _w.Line("var " + rows + " = " + input + ";");
            _w.Open("for (int " + index + " = 0; " + index + " < " + rows + ".Length; " + index + "++)");
            _w.Line((byReference ? "ref readonly var " + row + " = ref " : "var " + row + " = ") + rows + "[" + index + "];");
            string ahead = index + " + " + Literals.Int(AggregateEmitter.PrefetchDistance);
            _w.Line("if (" + ahead + " < " + rows + ".Length) " + prefetching.PrefetchCall(rows + "[" + ahead + "]"));
            return pipeline;
        }
    }
}
