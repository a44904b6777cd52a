namespace Compiled.Testing;

/// <summary>One batch a <see cref="QueryTestDriver{TOut}"/> ran: its output rows and its progress.</summary>
/// <param name="BatchId">0, 1, 2, …</param>
/// <param name="Rows">The rows the batch wrote to the sink, in the order the plan emitted them.</param>
/// <param name="Progress">
/// The batch's progress as the engine reports it, with deterministic values: the timestamp is the driver's processing
/// time, durations and rates are zero, <c>EventTime["watermark"]</c> is the watermark the batch ran with.
/// </param>
/// <param name="WatermarkAfter">The watermark for the next batch, or null when the query has none yet.</param>
public sealed record TestBatch<TOut>(long BatchId, IReadOnlyList<TOut> Rows, StreamingQueryProgress Progress, DateTimeOffset? WatermarkAfter)
{
    /// <summary>Rows of this batch that arrived behind their input's watermark and went to its late-row sink.</summary>
    public int LateRowCount { get; init; }
}
