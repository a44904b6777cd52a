using System.Collections.Generic;
using Compiled.Generators.Model;
using Compiled.Generators.Planning;

namespace Compiled.Generators.Emit.Operators
{
    /// <summary>
    /// Writes keyed state (<c>MapGroupsWithState</c> / <c>FlatMapGroupsWithState</c>): the input loop adds each row to its
    /// key's group in a <c>GroupStateOperator</c>; after the loop the operator calls the user's function (copied into the
    /// plan) per key with rows and per timed-out key, through a generated struct that runs each returned row through the
    /// stages after the operator.
    /// </summary>
    internal sealed class GroupStateEmitter
    {
        private const string Field = "_groupState0";
        private const string Calls = "GroupState0Calls";
        private const string EmitMethod = "EmitGroupState0";
        private const string KeySerializer = "GroupState0KeySerializer";
        private const string StateSerializer = "GroupState0StateSerializer";
        private const string KeyedState = "global::Compiled.KeyedState.";

        private readonly PhysicalPlan _plan;
        private readonly GroupStateSpec _state;
        private readonly string _output;

        public GroupStateEmitter(PhysicalPlan plan, GroupStateSpec state)
        {
            _plan = plan;
            _state = state;
            _output = plan.Query.OutputType.Name;
        }

        /// <summary>The keyed-state breaker of <paramref name="plan"/>, or null.</summary>
        public static GroupStateSpec? Of(PhysicalPlan plan) => plan.Segments.Count > 1 ? plan.Segments[1].Breaker as GroupStateSpec : null;

        private string Key => NullableKeys.StoreKey(_state.KeyType);

        private string OperatorType => KeyedState + "GroupStateOperator<" + Key + ", " + _state.RowType.Name + ", " + _state.StateType.Name + ">";

        private string RowBuffer => KnownNames.RowBufferG + "<" + _output + ">";

        private string Timeout => "global::Compiled.GroupStateTimeout." + _state.Timeout switch
        {
            GroupStateSpec.ProcessingTimeTimeout => "ProcessingTimeTimeout",
            GroupStateSpec.EventTimeTimeoutValue => "EventTimeTimeout",
            _ => "NoTimeout",
        };

        /// <summary>The operator field.</summary>
        public string FieldDeclaration => "private " + OperatorType + " " + Field + " = null!;";

        /// <summary>
        /// The deadline property telling the engine when a batch without rows would time a key out; for UpdateStateByKey,
        /// the wish for a batch every trigger interval while keys have state.
        /// </summary>
        public void WriteDeadline(SourceWriter w)
        {
            if (_state.IsUpdateStateByKey)
            {
                w.Line();
                w.Line("public bool WantsBatchEveryTrigger => " + Field + ".HoldsState;");
            }
            if (_state.Timeout == 0) return;
            string property = _state.EventTimeTimeout ? "EventTimeDeadlineMs" : "ProcessingTimeDeadlineMs";
            w.Line();
            w.Line("public long " + property + " => " + Field + ".NextTimeoutMs;");
        }

        /// <summary>Opens the store inside <c>Open</c>.</summary>
        public void WriteOpen(SourceWriter w)
        {
            string entry = KeyedState + "GroupStateEntry<" + _state.StateType.Name + ">";
            string keySerializer = NullableKeys.Serializer(_state.KeyType, KeySerializer);
            string valueSerializer = SerializerEmitter.IsRaw(_state.StateType) ? "null"
                : "new " + KeyedState + "GroupStateEntrySerializer<" + _state.StateType.Name + ">(new " + StateSerializer + "())";
            w.Line(Field + " = new " + OperatorType + "(context.GetStateStore<" + Key + ", " + entry + ">("
                + Literals.String(_plan.AggregateState!.OperatorId) + ", " + keySerializer + ", " + valueSerializer + "), " + Timeout
                + (_state.IsUpdateStateByKey ? ", everyKey: true" : string.Empty) + ");");
        }

        /// <summary>Adds <paramref name="row"/> to its key's group, inside the fused loop.</summary>
        public void WriteAccumulate(SourceWriter w, Row row)
        {
            string key = NullableKeys.ToStore(_state.KeyType, PipelineEmitter.Call(_state.Key, row));
            w.Line(Field + ".Add(" + key + ", " + row.Variable + ");");
        }

        /// <summary>After the loop: call the function per key with rows, then per timed-out key.</summary>
        public void WriteRun(SourceWriter w)
        {
            string calls = _state.IsUpdateStateByKey ? " -> call the function once per key with rows, then once per other key in state"
                : " -> call the function once per key with rows" + (_state.Timeout == 0 ? string.Empty : ", then once per key whose timeout passed");
            w.Line("// Plan: " + _state.Name + calls + " -> emit its rows");
            w.Line("var __calls = new " + Calls + "(this, output);");
            w.Line(Field + ".Run(ref __calls, batch);");
        }

        /// <summary>The method running one returned row through the stages after the operator.</summary>
        public void WriteEmitter(SourceWriter w)
        {
            w.Line("// Plan: " + _state.Name + string.Concat(Operators()) + " -> Sink");
            w.Open("private void " + EmitMethod + "(" + _state.ResultType.Name + " __row, " + RowBuffer + " output)");
            var pipeline = new PipelineEmitter(w, "return;");
            var row = pipeline.Write(_plan.AfterAggregate, new Row("__row", isSpan: false));
            w.Line("output.Add(" + row.Variable + ");");
            pipeline.CloseLoops();
            w.Close();
        }

        private IEnumerable<string> Operators()
        {
            foreach (var stage in _plan.AfterAggregate)
            {
                if (stage.Operator is not null) yield return " -> " + Planner.OperatorText(stage.Operator);
            }
        }

        /// <summary>
        /// UpdateStateByKey's call: the function maps (rows, running state or null) to the new state or null; null removes the
        /// key. Update mode writes the key when its state is new or not equal to the running one, Complete mode always.
        /// </summary>
        private void WriteUpdateByKey(SourceWriter w)
        {
            string state = _state.StateType.Name.TrimEnd('?');
            bool complete = _plan.Query.OutputMode == OutputModes.Complete;
            w.Line("var __next = " + _state.Function.Name + "(rows, state.Exists ? state.Get() : default(" + state + "?));");
            w.Open("if (__next is null)");
            w.Line("state.Remove();");
            w.Line("return;");
            w.Close();
            string next = _state.StateType.IsValueType ? "__next.Value" : "__next";
            w.Line("bool __changed = !state.Exists || !global::System.Collections.Generic.EqualityComparer<" + state + ">.Default.Equals(state.Get(), " + next + ");");
            w.Line("if (__changed) state.Update(" + next + ");");
            w.Line((complete ? string.Empty : "if (__changed) ") + "_plan." + EmitMethod + "(new " + _state.ResultType.Name + "("
                + NullableKeys.FromStore(_state.KeyType, "key") + ", " + next + "), _output);");
        }

        /// <summary>The calls struct and the serialisers.</summary>
        public void WriteTypes(SourceWriter w, SerializerEmitter codec)
        {
            w.Line();
            w.Line("/// <summary>Calls " + _state.Name + "'s function and emits the rows it returns.</summary>");
            w.Open("private readonly struct " + Calls + " : " + KeyedState + "IGroupStateFunction<" + Key + ", " + _state.RowType.Name + ", "
                + _state.StateType.Name + ">");
            w.Line("private readonly " + Emitter.PlanClass + " _plan;");
            w.Line("private readonly " + RowBuffer + " _output;");
            w.Line();
            w.Open("public " + Calls + "(" + Emitter.PlanClass + " plan, " + RowBuffer + " output)");
            w.Line("_plan = plan;");
            w.Line("_output = output;");
            w.Close();
            w.Line();
            w.Open("public void Call(" + Key + " key, global::System.Collections.Generic.List<" + _state.RowType.Name + "> rows, global::Compiled.GroupState<"
                + _state.StateType.Name + "> state)");
            string call = _state.Function.Name + "(" + NullableKeys.FromStore(_state.KeyType, "key") + ", rows, state)";
            if (_state.IsUpdateStateByKey)
            {
                WriteUpdateByKey(w);
            }
            else if (_state.IsFlatMap)
            {
                w.Line("foreach (var __row in " + call + ") _plan." + EmitMethod + "(__row, _output);");
            }
            else
            {
                w.Line("_plan." + EmitMethod + "(" + call + ", _output);");
            }
            w.Close();
            w.Close();
            var key = NullableKeys.Inner(_state.KeyType);
            if (!SerializerEmitter.IsRaw(key))
            {
                w.Line();
                codec.WriteSerializer(w, KeySerializer, key, key.Name, "Encodes the keys of " + _state.Name + ".");
            }
            if (!SerializerEmitter.IsRaw(_state.StateType))
            {
                w.Line();
                codec.WriteSerializer(w, StateSerializer, _state.StateType, _state.StateType.Name, "Encodes the state of " + _state.Name + ".");
            }
        }
    }
}
