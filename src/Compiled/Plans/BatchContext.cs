namespace Compiled.Plans;

/// <summary>Facts about the micro-batch being executed, and the counters a plan reports back.</summary>
/// <remarks>One instance per query, reset by the engine before each batch; not thread-safe.</remarks>
public sealed class BatchContext
{
    /// <summary>The batch id: 0, 1, 2, … and the same id again when a batch is replayed after a crash.</summary>
    public long BatchId { get; internal set; }

    /// <summary>Event-time watermark in Unix milliseconds for this batch; <see cref="long.MinValue"/> when none.</summary>
    public long WatermarkMs { get; internal set; } = long.MinValue;

    /// <summary>Processing time of the batch start, in Unix milliseconds, fixed in the offsets log so replays see the same value.</summary>
    public long BatchTimestampMs { get; internal set; }

    /// <summary>Rows dropped because they were behind the watermark; the plan increments it.</summary>
    public long RowsDroppedByWatermark { get; set; }

    /// <summary>Largest event time seen in this batch (Unix ms), or <see cref="long.MinValue"/>; the plan reports it.</summary>
    public long MaxEventTimeMs { get; set; } = long.MinValue;

    /// <summary>Smallest event time seen in this batch (Unix ms), or <see cref="long.MaxValue"/>; the plan reports it.</summary>
    public long MinEventTimeMs { get; set; } = long.MaxValue;

    internal void Reset(long batchId, long watermarkMs, long batchTimestampMs)
    {
        BatchId = batchId;
        WatermarkMs = watermarkMs;
        BatchTimestampMs = batchTimestampMs;
        RowsDroppedByWatermark = 0;
        MaxEventTimeMs = long.MinValue;
        MinEventTimeMs = long.MaxValue;
    }
}
