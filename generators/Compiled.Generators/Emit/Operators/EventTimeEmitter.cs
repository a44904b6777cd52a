using System.Collections.Generic;
using System.Linq;
using Compiled.Generators.Model;
using Compiled.Generators.Planning;

namespace Compiled.Generators.Emit.Operators
{
    /// <summary>
    /// Writes <c>WithWatermark</c>: per input, an <c>EventTimeTracker</c> local follows the batch's event times in
    /// registers (the engine derives the input's watermark from its maximum), and, before a stateful operator, rows at or
    /// behind the batch's watermark are dropped and counted, or added to the input's late-row buffer.
    /// </summary>
    internal static class EventTimeEmitter
    {
        /// <summary>The tracker local of input <paramref name="input"/>.</summary>
        public static string Tracker(int input) => "__eventTime" + Literals.Int(input);

        /// <summary>The local holding the current row's event time (Unix ms) of input <paramref name="input"/>.</summary>
        public static string TimeLocal(int input) => "__time" + Literals.Int(input);

        /// <summary>
        /// The watermark whose event time a window can reuse instead of reading and converting it again: the last
        /// watermark of the loop, when it reads the same member as the same type and no later step replaced the row.
        /// </summary>
        public static WatermarkSpec? SharedTime(IEnumerable<Stage> stages, WindowSpec window)
        {
            WatermarkSpec? last = null;
            foreach (var stage in stages)
            {
                if (stage.Kind == StageKind.Watermark) last = (WatermarkSpec)stage.Operator!;
                else if (stage.Kind is not (StageKind.Filter or StageKind.SpanFilter)) last = null;
            }
            return last is not null && window.TimeMember is not null && last.EventTimeMember == window.TimeMember && last.TimeKind == window.TimeKind
                ? last
                : null;
        }

        /// <summary>
        /// <see cref="SharedTime(IEnumerable{Stage}, WindowSpec)"/> for the aggregation of <paramref name="plan"/>: none when a
        /// stream-stream join feeds it, as its rows are joined rows whose time no input's watermark step read, nor after a
        /// union, whose inputs read their times into locals of their own.
        /// </summary>
        public static WatermarkSpec? SharedTime(PhysicalPlan plan, WindowSpec window) =>
            plan.StreamJoin is null && plan.Union is null ? SharedTime(plan.Source, window) : null;

        /// <summary>The late-row buffer local of input <paramref name="input"/>.</summary>
        public static string LateBuffer(int input) => "__late" + Literals.Int(input);

        /// <summary>An expression of the Unix milliseconds of <paramref name="value"/>, an event time of <paramref name="kind"/>.</summary>
        public static string UnixMs(EventTimeKind kind, string value) =>
            kind == EventTimeKind.UnixMs ? value : "global::Compiled.EventTimes.ToUnixMs(" + value + ")";

        /// <summary>The watermarks among <paramref name="stages"/>, in order.</summary>
        public static IEnumerable<WatermarkSpec> Watermarks(IEnumerable<Stage> stages) =>
            stages.Where(s => s.Kind == StageKind.Watermark).Select(s => (WatermarkSpec)s.Operator!);

        /// <summary>Before the input loop: the trackers and late-row buffers.</summary>
        public static void WriteStart(SourceWriter w, IEnumerable<Stage> stages)
        {
            foreach (var watermark in Watermarks(stages))
            {
                w.Line("var " + Tracker(watermark.Input) + " = batch.StartEventTime(" + Literals.Int(watermark.Input) + ");");
                if (watermark.LateRows == LateRowsPolicy.ToSink)
                {
                    w.Line("var " + LateBuffer(watermark.Input) + " = batch.LateRows<" + watermark.EventTime.ParameterType + ">("
                        + Literals.Int(watermark.Input) + ");");
                }
            }
        }

        /// <summary>After the input loop: hands each tracker back, counting late rows against <paramref name="stateOperator"/> (-1: none).</summary>
        public static void WriteEnd(SourceWriter w, IEnumerable<Stage> stages, int stateOperator)
        {
            foreach (var watermark in Watermarks(stages))
            {
                w.Line("batch.EndEventTime(" + Literals.Int(watermark.Input) + ", in " + Tracker(watermark.Input) + ", "
                    + Literals.Int(stateOperator) + ");");
            }
        }

        /// <summary>
        /// The step inside the loop. Before a stateful operator a late row is dropped (or buffered for the late-row sink);
        /// in a stateless query rows are only observed, as Spark filters late rows only in stateful operators.
        /// </summary>
        public static void WriteStep(SourceWriter w, WatermarkSpec watermark, Row row, bool dropsLateRows, string skip)
        {
            string tracker = Tracker(watermark.Input);
            string time = TimeLocal(watermark.Input);
            w.Line("long " + time + " = " + UnixMs(watermark.TimeKind, PipelineEmitter.Call(watermark.EventTime, row)) + ";");
            if (!dropsLateRows)
            {
                w.Line(tracker + ".Observe(" + time + ");");
            }
            else if (watermark.LateRows == LateRowsPolicy.ToSink)
            {
                w.Open("if (!" + tracker + ".Accept(" + time + "))");
                w.Line(LateBuffer(watermark.Input) + ".Add(" + row.Variable + ");");
                w.Line(skip);
                w.Close();
            }
            else
            {
                w.Line("if (!" + tracker + ".Accept(" + time + ")) " + skip);
            }
        }
    }
}
