using System.Collections.Generic;
using System.Linq;
using Compiled.Generators.Model;

namespace Compiled.Generators.Emit.Operators
{
    /// <summary>
    /// A window aggregation fed by another one (Spark 3.5's chained time-window aggregation): the first writes each window
    /// it closes into the second's tables, inside its own <c>Apply</c>, and the second closes its windows by the same
    /// watermark right after. A row the first emits is late for the second when its time is at or behind the previous
    /// batch's watermark (Spark's watermark for late events); a window's <c>WindowTime</c> (its end minus one tick) never is.
    /// </summary>
    internal sealed partial class AggregateEmitter
    {
        /// <summary>The watermark of the previous batch, which a row fed to this chained aggregation must be past.</summary>
        private string LateThroughField => "_lateThrough" + Literals.Int(_ordinal);

        /// <summary>Rows fed to this chained aggregation this batch that were late, counted in the progress after the batch.</summary>
        private string LateRowsField => "_lateRows" + Literals.Int(_ordinal);

        /// <summary>The accumulator a row folds into; a chained one's differs from the group its feeding aggregation emits.</summary>
        private string AccumulatorLocal => Chained ? "__acc" + Literals.Int(_ordinal) : "__acc";

        /// <summary>The emitter local of <c>Apply</c>; the first aggregation keeps the name it always had.</summary>
        private string EmitterLocal => Chained ? "__emitter" + Literals.Int(_ordinal) : "__emitter";

        /// <summary>The earliest window end a watermark would close, over this aggregation and the ones it feeds.</summary>
        private string NextWindowEnd => Next is null
            ? WindowField + ".NextWindowEndMs"
            : "global::System.Math.Min(" + WindowField + ".NextWindowEndMs, " + Next.NextWindowEnd + ")";

        private IEnumerable<string> ChainFields()
        {
            if (Chained)
            {
                yield return "private long " + LateThroughField + ";";
                yield return "private long " + LateRowsField + ";";
            }
            if (Next is null) yield break;
            foreach (var field in Next.Fields()) yield return field;
        }

        private void WriteChainOpen(SourceWriter w)
        {
            // After a restart the batch to run is the one after the last committed batch, so its watermark for late rows is
            // the committed one.
            if (Chained) w.Line(LateThroughField + " = context.CommittedWatermarkMs;");
            Next?.WriteOpen(w);
        }

        /// <summary>
        /// Declares the Unix milliseconds of a fed row's window time and skips (counts) the row when it is late; returns
        /// the local's name.
        /// </summary>
        private string WriteChainedTime(SourceWriter w, PipelineEmitter pipeline, Row row)
        {
            string value = pipeline.Local("at");
            string time = pipeline.Local("t");
            w.Line("var " + value + " = " + PipelineEmitter.Call(Window.Time!, row) + ";");
            w.Line("long " + time + " = " + EventTimeEmitter.UnixMs(Window.TimeKind, value) + ";");
            // Compared to the tick: WindowTime of a window ending just past the watermark is one tick before its end.
            string late = Window.TimeKind == EventTimeKind.UnixMs
                ? time + " <= " + LateThroughField
                : "global::Compiled.EventTimes.AtOrBefore(" + value + ", " + LateThroughField + ")";
            w.Open("if (" + late + ")");
            w.Line(LateRowsField + "++;");
            w.Line(pipeline.SkipStatement);
            w.Close();
            return time;
        }

        /// <summary>Before the first aggregation emits: a session aggregation it feeds starts a fresh batch table.</summary>
        private void WriteBeforeApply(SourceWriter w)
        {
            if (Next is { UsesBatchTable: true }) w.Line(Next.BeginBatch);
        }

        /// <summary>After an aggregation emitted: the one it fed closes its windows; a fed one counts its late rows and keeps the watermark.</summary>
        private void WriteAfterApply(SourceWriter w)
        {
            if (Chained)
            {
                int index = _plan.StateOperators.ToList().IndexOf(StatePlan);
                w.Line("batch.CountLateRows(" + Literals.Int(index) + ", " + LateRowsField + ");");
                w.Line(LateRowsField + " = 0;");
                w.Line(LateThroughField + " = batch.WatermarkMs;");
            }
            Next?.WriteMergeAndEmit(w);
        }
    }
}
