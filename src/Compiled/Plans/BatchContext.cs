using Compiled.Batches;

namespace Compiled.Plans;

/// <summary>Facts about the micro-batch being executed, and the counters a plan reports back.</summary>
/// <remarks>One instance per query, reset by the engine before each batch; not thread-safe.</remarks>
public sealed class BatchContext
{
    private long[] _inputMaxMs = [];
    private long[] _inputMinMs = [];
    private long[] _droppedByOperator = [];
    private object?[] _lateRows = [];
    private bool _lateRowsDropped = true;

    /// <summary>The batch id: 0, 1, 2, … and the same id again when a batch is replayed after a crash.</summary>
    public long BatchId { get; internal set; }

    /// <summary>Event-time watermark in Unix milliseconds for this batch; <see cref="long.MinValue"/> when none.</summary>
    public long WatermarkMs { get; internal set; } = long.MinValue;

    /// <summary>Processing time of the batch start, in Unix milliseconds, fixed in the offsets log so replays see the same value.</summary>
    public long BatchTimestampMs { get; internal set; }

    /// <summary>True when this batch runs without new data, only because the watermark or the clock moved past a window end.</summary>
    public bool IsNoDataBatch { get; internal set; }

    /// <summary>Rows dropped because they were behind the watermark, over all stateful operators.</summary>
    public long RowsDroppedByWatermark
    {
        get
        {
            long total = 0;
            foreach (long dropped in _droppedByOperator) total += dropped;
            return total;
        }
    }

    /// <summary>Largest event time seen in this batch over all inputs (Unix ms), or <see cref="long.MinValue"/>.</summary>
    public long MaxEventTimeMs { get; private set; } = long.MinValue;

    /// <summary>Smallest event time seen in this batch over all inputs (Unix ms), or <see cref="long.MaxValue"/>.</summary>
    public long MinEventTimeMs { get; private set; } = long.MaxValue;

    /// <summary>
    /// Starts following input <paramref name="input"/>'s event times for this batch. Rows at or before
    /// <see cref="WatermarkMs"/> are late, except in Complete mode, where Spark keeps every row.
    /// </summary>
    public EventTimeTracker StartEventTime(int input) => new(_lateRowsDropped ? WatermarkMs : long.MinValue);

    /// <summary>
    /// Hands back what <paramref name="tracker"/> saw of input <paramref name="input"/>: its event-time range (the engine
    /// derives the input's watermark from it) and its late rows, counted against the stateful operator they were dropped
    /// before (index <paramref name="stateOperator"/> in <see cref="QueryPlanInfo.StateOperators"/>; -1 when none).
    /// </summary>
    public void EndEventTime(int input, in EventTimeTracker tracker, int stateOperator)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(input);
        EnsureInputs(input + 1);
        if (tracker.MaxMs > _inputMaxMs[input]) _inputMaxMs[input] = tracker.MaxMs;
        if (tracker.MinMs < _inputMinMs[input]) _inputMinMs[input] = tracker.MinMs;
        if (tracker.MaxMs > MaxEventTimeMs) MaxEventTimeMs = tracker.MaxMs;
        if (tracker.MinMs < MinEventTimeMs) MinEventTimeMs = tracker.MinMs;
        if (tracker.LateRows == 0) return;
        CountLateRows(stateOperator, tracker.LateRows);
    }

    /// <summary>
    /// Counts <paramref name="rows"/> late rows dropped before stateful operator <paramref name="stateOperator"/> (its index
    /// in <see cref="QueryPlanInfo.StateOperators"/>): rows an upstream stateful operator wrote behind the watermark this one
    /// follows, or input rows behind the batch's watermark.
    /// </summary>
    public void CountLateRows(int stateOperator, long rows)
    {
        if (stateOperator < 0)
            throw new ArgumentOutOfRangeException(nameof(stateOperator), stateOperator, "Late rows are dropped before a stateful operator; name its index.");
        if (stateOperator >= _droppedByOperator.Length) Array.Resize(ref _droppedByOperator, stateOperator + 1);
        _droppedByOperator[stateOperator] += rows;
    }

    /// <summary>
    /// The buffer that late rows of input <paramref name="input"/> go to, for inputs declared with
    /// <see cref="LateRows.ToSink"/>; the engine writes it to the input's late-row sink with the batch id.
    /// </summary>
    /// <exception cref="InvalidOperationException">The query was started without a late-row sink for that input.</exception>
    public RowBuffer<T> LateRows<T>(int input) =>
        input >= 0 && input < _lateRows.Length && _lateRows[input] is RowBuffer<T> buffer
            ? buffer
            : throw new InvalidOperationException(
                $"Input {input} routes late rows to a sink (LateRows.ToSink), but the query was started without a late-row sink of {typeof(T).Name} for it.");

    /// <summary>Largest event time input <paramref name="input"/> reported this batch, or <see cref="long.MinValue"/>.</summary>
    internal long InputMaxEventTimeMs(int input) => input < _inputMaxMs.Length ? _inputMaxMs[input] : long.MinValue;

    /// <summary>Late rows counted against stateful operator <paramref name="stateOperator"/> this batch.</summary>
    internal long DroppedByWatermark(int stateOperator) =>
        stateOperator < _droppedByOperator.Length ? _droppedByOperator[stateOperator] : 0;

    /// <summary>Sets, once per run, whether late rows are dropped (every mode but Complete) and the late-row buffers per input.</summary>
    internal void Configure(bool lateRowsDropped, object?[] lateRows)
    {
        _lateRowsDropped = lateRowsDropped;
        _lateRows = lateRows;
    }

    internal void Reset(long batchId, long watermarkMs, long batchTimestampMs, bool noData = false)
    {
        BatchId = batchId;
        WatermarkMs = watermarkMs;
        BatchTimestampMs = batchTimestampMs;
        IsNoDataBatch = noData;
        MaxEventTimeMs = long.MinValue;
        MinEventTimeMs = long.MaxValue;
        Array.Fill(_inputMaxMs, long.MinValue);
        Array.Fill(_inputMinMs, long.MaxValue);
        Array.Clear(_droppedByOperator);
        foreach (object? late in _lateRows) (late as IClearable)?.Clear();
    }

    private void EnsureInputs(int count)
    {
        if (_inputMaxMs.Length >= count) return;
        int old = _inputMaxMs.Length;
        Array.Resize(ref _inputMaxMs, count);
        Array.Resize(ref _inputMinMs, count);
        Array.Fill(_inputMaxMs, long.MinValue, old, count - old);
        Array.Fill(_inputMinMs, long.MaxValue, old, count - old);
    }
}
