using Compiled.Batches;
using Compiled.Plans;

namespace Compiled.Tests.Engine;

/// <summary>
/// Two inputs of event times (Unix ms) with watermark delays of 1 s and 3 s; writes nothing but records the watermark
/// each batch ran with, so the engine's per-input and query watermarks can be checked.
/// </summary>
public sealed class TwoInputWatermarkPlan : IQueryPlan<long>
{
    public QueryPlanInfo Info { get; } = new(
        "TwoInputs",
        "two-inputs-v1",
        OutputMode.Append,
        [new InputInfo("left", "System.Int64", new WatermarkInfo(1_000)), new InputInfo("right", "System.Int64", new WatermarkInfo(3_000))],
        [],
        "Source(left)\nSource(right)\nWatermark\nSink");

    /// <summary>The watermark of each batch run, by batch id.</summary>
    public Dictionary<long, long> Watermarks { get; } = [];

    public void Open(PlanContext context)
    {
    }

    public void Execute(BatchInputs inputs, RowBuffer<long> output, BatchContext batch)
    {
        lock (Watermarks) Watermarks[batch.BatchId] = batch.WatermarkMs;
        for (int input = 0; input < 2; input++)
        {
            var time = batch.StartEventTime(input);
            foreach (long t in inputs.Get<long>(input)) time.Observe(t);
            batch.EndEventTime(input, in time, stateOperator: -1);
        }
    }
}
