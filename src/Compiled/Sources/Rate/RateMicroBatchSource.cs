using System.Globalization;
using Compiled.Plans;

namespace Compiled.Sources.Rate;

/// <summary>
/// Spark's <c>rate-micro-batch</c> source: exactly <c>rowsPerBatch</c> new rows in every batch, whatever
/// the clock says, which makes batch sizes reproducible for benchmarks.
/// </summary>
/// <remarks>
/// Every row of a batch carries the timestamp stored in the batch's start offset; the next batch's
/// timestamp is that plus <see cref="RateMicroBatchSourceOptions.AdvancePerBatch"/>. Data is always
/// available, so the default trigger runs batches back to back. Under available-now (and once) it
/// produces a single batch, as Spark does.
/// </remarks>
internal sealed class RateMicroBatchSource : ISource<RateRow>
{
    private readonly long _rowsPerBatch;
    private readonly long _startTimestampMs;
    private readonly long _advanceMs;
    private bool _availableNow;
    private RateMicroBatchOffset? _availableNowEnd;

    public RateMicroBatchSource(long rowsPerBatch, RateMicroBatchSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (rowsPerBatch <= 0)
            throw new ArgumentOutOfRangeException(nameof(rowsPerBatch), rowsPerBatch,
                $"Rate-micro-batch source: rowsPerBatch must be positive, got {rowsPerBatch}.");
        if (rowsPerBatch > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(rowsPerBatch), rowsPerBatch,
                $"Rate-micro-batch source: rowsPerBatch is {rowsPerBatch}, more than one batch can hold ({Array.MaxLength}).");
        if (options.AdvancePerBatch < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(options), options.AdvancePerBatch,
                $"Rate-micro-batch source: AdvancePerBatch must not be negative, got {options.AdvancePerBatch}.");

        _rowsPerBatch = rowsPerBatch;
        _startTimestampMs = RateTime.ToUnixMilliseconds(options.StartTimestamp);
        _advanceMs = options.AdvancePerBatch.Ticks / TimeSpan.TicksPerMillisecond;
    }

    public string Description => string.Create(CultureInfo.InvariantCulture,
        $"RateMicroBatchSource[rowsPerBatch={_rowsPerBatch}, startTimestamp={_startTimestampMs}, advanceMillisPerBatch={_advanceMs}]");

    public void Open(SourceContext context)
    {
        // Stateless: everything a batch needs is in its offsets.
    }

    public SourceOffset? LatestOffset(SourceOffset? start, ReadLimit limit)
    {
        var from = RateMicroBatchOffset.Parse(start, _startTimestampMs);
        if (!_availableNow) return Next(from).ToSourceOffset();

        // Available-now: the one batch after the first start offset seen, then nothing.
        var end = _availableNowEnd ??= Next(from);
        return from.Offset >= end.Offset ? start : end.ToSourceOffset();
    }

    public void PrepareForAvailableNow() => _availableNow = true;

    public long Read(SourceOffset? start, SourceOffset end, BatchInputs inputs, int slot)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var from = RateMicroBatchOffset.Parse(start, _startTimestampMs);
        var to = RateMicroBatchOffset.Parse(end, _startTimestampMs);
        if (to.Offset < from.Offset)
            throw new ArgumentException($"Rate-micro-batch source: end offset {end} is before start offset {start}.", nameof(end));

        long count = to.Offset - from.Offset;
        if (count > Array.MaxLength)
            throw new InvalidOperationException(
                $"Rate-micro-batch source: the batch from {from.Offset} to {to.Offset} has {count} rows, more than one batch can hold.");

        var timestamp = RateTime.FromUnixMilliseconds(from.TimestampMs);
        var buffer = inputs.GetBuffer<RateRow>(slot);
        for (long value = from.Offset; value < to.Offset; value++)
            buffer.Add(new RateRow(timestamp, value));
        return count;
    }

    public void Commit(SourceOffset end)
    {
        // Nothing to clean up: rows are computed, not stored.
    }

    public void Dispose()
    {
    }

    private RateMicroBatchOffset Next(RateMicroBatchOffset from)
    {
        long end = from.Offset > long.MaxValue - _rowsPerBatch ? long.MaxValue : from.Offset + _rowsPerBatch;
        return new RateMicroBatchOffset(end, from.TimestampMs + _advanceMs);
    }
}
