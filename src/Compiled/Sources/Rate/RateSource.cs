using System.Globalization;
using Compiled.Plans;

namespace Compiled.Sources.Rate;

/// <summary>
/// Spark's <c>rate</c> source: <c>RowsPerSecond</c> rows per second of the query clock, numbered from 0,
/// each stamped with the time it was due.
/// </summary>
/// <remarks>
/// Offsets count whole seconds since the start time, which is stored in the source's checkpoint
/// directory on the first run. The rows of a range depend only on the range and the start time, so a
/// replayed batch reproduces its rows exactly. Per-trigger limits do not apply: a batch takes every
/// whole second that has elapsed.
/// </remarks>
internal sealed class RateSource : ISource<RateRow>
{
    private const long MillisecondsPerSecond = 1000;

    private readonly RateSchedule _schedule;
    private readonly long _rowsPerSecond;
    private readonly long _rampUpSeconds;
    private IClock? _clock;
    private long _startTimeMs;
    private long? _availableNowSecond;

    public RateSource(RateSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.RowsPerSecond <= 0)
            throw new ArgumentOutOfRangeException(nameof(options), options.RowsPerSecond,
                $"Rate source: RowsPerSecond must be positive, got {options.RowsPerSecond}.");
        if (options.RampUpTime < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(options), options.RampUpTime,
                $"Rate source: RampUpTime must not be negative, got {options.RampUpTime}.");

        _rowsPerSecond = options.RowsPerSecond;
        _rampUpSeconds = (long)options.RampUpTime.TotalSeconds;
        _schedule = new RateSchedule(_rowsPerSecond, _rampUpSeconds);
        if (_rampUpSeconds > _schedule.MaxSeconds)
            throw new ArgumentOutOfRangeException(nameof(options), options.RampUpTime,
                $"Rate source: RampUpTime of {_rampUpSeconds} s overflows; with {_rowsPerSecond} rows per second the most is {_schedule.MaxSeconds} s.");
    }

    public string Description => string.Create(CultureInfo.InvariantCulture,
        $"RateSource[rowsPerSecond={_rowsPerSecond}, rampUpTimeSeconds={_rampUpSeconds}]");

    /// <summary>The start time (Unix ms) read from or written to the checkpoint by <see cref="Open"/>.</summary>
    internal long StartTimeMs => _startTimeMs;

    public void Open(SourceContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _clock = context.Clock;
        _startTimeMs = RateStartTime.LoadOrCreate(context.CheckpointDirectory, context.Clock.UtcNowMs);
    }

    public SourceOffset? LatestOffset(SourceOffset? start, ReadLimit limit)
    {
        var from = RateOffset.Parse(start);
        long second = ElapsedSeconds();
        if (_availableNowSecond is { } cap) second = Math.Min(second, cap);
        // A clock behind the last logged offset (restart on another machine, manual clock) yields nothing new.
        if (second <= from.Second) return start;
        if (second > _schedule.MaxSeconds)
            throw new OverflowException(
                $"Rate source: {second} s after the start time the row count overflows; with {_rowsPerSecond} rows per second the most is {_schedule.MaxSeconds} s.");

        long added = _schedule.ValueAtSecond(second) - _schedule.ValueAtSecond(from.Second);
        if (added <= 0) return start;   // Early ramp-up seconds can be empty.
        return new RateOffset(second, checked(from.Value + added)).ToSourceOffset();
    }

    public void PrepareForAvailableNow() => _availableNowSecond = ElapsedSeconds();

    public long Read(SourceOffset? start, SourceOffset end, BatchInputs inputs, int slot)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var from = RateOffset.Parse(start);
        var to = RateOffset.Parse(end);
        if (to.Second < from.Second || to.Value < from.Value)
            throw new ArgumentException($"Rate source: end offset {end} is before start offset {start}.", nameof(end));

        long count = to.Value - from.Value;
        if (count == 0) return 0;
        if (count > Array.MaxLength)
            throw new InvalidOperationException(
                $"Rate source: the batch from value {from.Value} to {to.Value} has {count} rows, more than one batch can hold; lower RowsPerSecond or trigger more often.");

        // Spread the range's rows evenly over its seconds, as Spark does; with a constant rate this is
        // value / RowsPerSecond seconds after the start time, whatever the batch boundaries.
        long rangeStartMs = _startTimeMs + from.Second * MillisecondsPerSecond;
        double msPerValue = (double)((to.Second - from.Second) * MillisecondsPerSecond) / count;
        var buffer = inputs.GetBuffer<RateRow>(slot);
        for (long i = 0; i < count; i++)
        {
            long ms = rangeStartMs + (long)Math.Floor(i * msPerValue + 0.5);
            buffer.Add(new RateRow(RateTime.FromUnixMilliseconds(ms), from.Value + i));
        }
        return count;
    }

    public void Commit(SourceOffset end)
    {
        // Nothing to clean up: rows are computed, not stored.
    }

    public void Dispose()
    {
    }

    private long ElapsedSeconds()
    {
        var clock = _clock ?? throw new InvalidOperationException("Rate source: Open must be called before the first batch.");
        return Math.Max(0, (clock.UtcNowMs - _startTimeMs) / MillisecondsPerSecond);
    }
}
