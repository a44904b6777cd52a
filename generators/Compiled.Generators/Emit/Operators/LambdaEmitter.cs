using System.Collections.Generic;
using Compiled.Generators.Model;
using Compiled.Generators.Planning;

namespace Compiled.Generators.Emit.Operators
{
    /// <summary>
    /// Writes the user's lambdas as private static methods of the plan, so the fused loops call them directly (the JIT
    /// inlines them) instead of invoking a delegate per row. Only the forms the plan uses are written.
    /// </summary>
    internal static class LambdaEmitter
    {
        /// <summary>Writes every lambda <paramref name="plan"/> calls, in operator order.</summary>
        public static void Write(SourceWriter w, PhysicalPlan plan)
        {
            foreach (var stage in plan.Source) WriteStage(w, stage);
            foreach (var stage in plan.Union?.Other ?? ImmutableEquatableArray<Stage>.Empty) WriteStage(w, stage);
            if (plan.Aggregate is not null)
            {
                // A chained window aggregation follows the one that feeds it, each with the stages after it.
                for (int segment = 1; segment < plan.Segments.Count; segment++)
                {
                    WriteAggregate(w, plan, (AggregateSpec)plan.Segments[segment].Breaker!, segment - 1);
                    foreach (var stage in plan.Segments[segment].Stages) WriteStage(w, stage);
                }
                return;
            }
            if (GroupStateEmitter.Of(plan) is { } state)
            {
                Write(w, "Key", state.Key, valueForm: true, spanForm: false);
                WriteFunction(w, state.Function);
            }
            foreach (var stage in plan.AfterAggregate) WriteStage(w, stage);
        }

        /// <summary>The lambdas of the aggregation numbered <paramref name="ordinal"/> in chain order.</summary>
        private static void WriteAggregate(SourceWriter w, PhysicalPlan plan, AggregateSpec aggregate, int ordinal)
        {
            // Only the first aggregation reads input rows, from a span or through a watermark step's time.
            bool fromSpan = ordinal == 0 && plan.AggregateFromSpan;
            if (aggregate.Window is { } window)
            {
                if (window.Time is { } time && (ordinal > 0 || EventTimeEmitter.SharedTime(plan, window) is null))
                    Write(w, "Window time", time, valueForm: true, spanForm: false);
                if (window.Gap is { } gap) Write(w, "Session gap", gap, valueForm: true, spanForm: false);
                foreach (var part in window.OtherKeyParts) Write(w, "Key part", part, valueForm: true, spanForm: false);
            }
            else if (!fromSpan)
            {
                Write(w, "Key", aggregate.Key, valueForm: true, spanForm: false);
            }
            foreach (var call in aggregate.Calls)
            {
                if (call.Argument is { } argument)
                    Write(w, call.Kind.ToString(), argument, valueForm: !fromSpan, spanForm: fromSpan);
            }
            WriteResult(w, aggregate, ordinal);
        }

        /// <summary>Writes the lambdas one stage runs.</summary>
        internal static void WriteStage(SourceWriter w, Stage stage)
        {
            switch (stage.Kind)
            {
                case StageKind.Filter:
                case StageKind.SpanFilter:
                    Write(w, "Filter", ((FilterSpec)stage.Operator!).Predicate, stage.Kind == StageKind.Filter, stage.Kind == StageKind.SpanFilter);
                    break;
                case StageKind.Map:
                    Write(w, "Map", ((MapSpec)stage.Operator!).Selector, valueForm: true, spanForm: false);
                    break;
                case StageKind.FlatMap:
                    Write(w, "FlatMap", ((FlatMapSpec)stage.Operator!).Selector, valueForm: true, spanForm: false);
                    break;
                case StageKind.Split:
                    Write(w, "Split text", ((FlatMapSpec)stage.Operator!).Split!.Receiver, valueForm: true, spanForm: false);
                    break;
                case StageKind.Watermark:
                    Write(w, "Event time", ((WatermarkSpec)stage.Operator!).EventTime, valueForm: true, spanForm: false);
                    break;
                case StageKind.Dedup when ((DedupSpec)stage.Operator!).Key is { } key:
                    Write(w, "Deduplication key", key, valueForm: true, spanForm: false);
                    break;
                case StageKind.StaticJoin:
                    var join = (StaticJoinSpec)stage.Operator!;
                    Write(w, join.TableOnLeft ? "Stream key" : "Join key", join.StreamKey, valueForm: true, spanForm: false);
                    Write(w, "Table key", join.TableKey, valueForm: true, spanForm: false);
                    if (join.Result is { } result) StaticJoinEmitter.WritePair(w, "Join result", result);
                    break;
            }
        }

        /// <summary>Writes <paramref name="lambda"/> as a private static method (and its span form).</summary>
        internal static void Write(SourceWriter w, string role, LambdaSpec lambda, bool valueForm, bool spanForm)
        {
            w.Line();
            w.Line("// " + role + ": " + lambda.Display);
            if (!lambda.NullableEnabled) w.Line("#nullable disable");
            if (valueForm)
            {
                string parameter = (lambda.ParameterIsLargeStruct ? "in " : string.Empty) + lambda.ParameterType + " " + lambda.Parameter;
                Method(w, lambda.ReturnType + " " + lambda.Name + "(" + parameter + ")", lambda.Body, lambda.IsBlock);
            }
            if (spanForm)
            {
                Method(w, lambda.ReturnType + " " + PipelineEmitter.SpanName(lambda) + "(" + KnownNames.CharSpanG + " " + lambda.Parameter + ")",
                    lambda.SpanBody!, isBlock: false);
            }
            foreach (var helper in lambda.Helpers) w.Line(helper);
            if (!lambda.NullableEnabled) w.Line("#nullable enable");
        }

        private static void WriteResult(SourceWriter w, AggregateSpec aggregate, int ordinal)
        {
            var result = aggregate.Result;
            w.Line();
            w.Line("// Result: " + result.Display);
            if (!result.NullableEnabled) w.Line("#nullable disable");
            Method(w, result.ReturnType + " " + AggregateEmitter.ResultMethod(aggregate) + "(" + aggregate.KeyType.Name + " "
                + GeneratedNames.Key + ", " + AggregateEmitter.StateOf(ordinal) + " " + GeneratedNames.Accumulator + ")", result.Body, result.IsBlock);
            foreach (var helper in result.Helpers) w.Line(helper);
            if (!result.NullableEnabled) w.Line("#nullable enable");
        }

        private static void WriteFunction(SourceWriter w, GroupFunctionSpec function)
        {
            w.Line();
            w.Line("// Function: " + function.Display);
            if (!function.NullableEnabled) w.Line("#nullable disable");
            Method(w, function.ReturnType + " " + function.Name + "(" + string.Join(", ", function.Parameters) + ")", function.Body, function.IsBlock);
            foreach (var helper in function.Helpers) w.Line(helper);
            if (!function.NullableEnabled) w.Line("#nullable enable");
        }

        private static void Method(SourceWriter w, string signature, string body, bool isBlock)
        {
            if (isBlock)
            {
                w.Line("private static " + signature);
                w.Line(body);
            }
            else
            {
                w.Line("private static " + signature + " => " + body + ";");
            }
        }
    }
}
