namespace Compiled.Testing.EventTime;

/// <summary>What the reference says one batch does.</summary>
/// <param name="BatchId">The batch id (no-data batches take ids too).</param>
/// <param name="WatermarkMs">The watermark in force (<see cref="long.MinValue"/> when none).</param>
/// <param name="IsNoData">True for a batch that runs only because the watermark passed a window end.</param>
/// <param name="Output">The rows written to the sink.</param>
/// <param name="Late">The input rows found late (dropped, or routed to a late-row sink).</param>
/// <param name="OpenWindows">Windows (sessions) the operator holds after the batch: tumbling and session state size.</param>
/// <param name="NextWatermarkMs">The watermark after the batch.</param>
/// <param name="UpdatedWindows">Windows holding a row this batch counted: the tumbling state rows it updated.</param>
/// <param name="RemovedWindows">Windows the batch's watermark closed (none in Complete mode): the tumbling state rows it removed.</param>
public sealed record ReferenceBatch<TRow, TOut>(
    long BatchId,
    long WatermarkMs,
    bool IsNoData,
    IReadOnlyList<TOut> Output,
    IReadOnlyList<TRow> Late,
    int OpenWindows,
    long NextWatermarkMs,
    int UpdatedWindows,
    int RemovedWindows);
