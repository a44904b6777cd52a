namespace Compiled.Sources.Rate;

/// <summary>How many rows the rate source has produced after a whole number of seconds, ramp-up included.</summary>
/// <remarks>
/// The same arithmetic as Spark's <c>RateStreamProvider.valueAtSecond</c>, so a query ported from Spark
/// sees the same values at the same elapsed seconds. During ramp-up the speed grows by
/// <c>rowsPerSecond / (rampUpSeconds + 1)</c> each second, e.g. rate 10, ramp-up 4 s:
/// <code>
/// second      0 1 2  3  4  5  6
/// speed       0 2 4  6  8 10 10
/// end value   0 2 6 12 20 30 40
/// </code>
/// </remarks>
internal readonly struct RateSchedule
{
    private readonly long _rowsPerSecond;
    private readonly long _rampUpSeconds;

    public RateSchedule(long rowsPerSecond, long rampUpSeconds)
    {
        _rowsPerSecond = rowsPerSecond;
        _rampUpSeconds = rampUpSeconds;
        MaxSeconds = long.MaxValue / rowsPerSecond;
    }

    /// <summary>The last second whose end value fits in a <see cref="long"/>.</summary>
    public long MaxSeconds { get; }

    /// <summary>The number of rows due after <paramref name="seconds"/> whole seconds.</summary>
    public long ValueAtSecond(long seconds)
    {
        long speedDeltaPerSecond = _rowsPerSecond / (_rampUpSeconds + 1);
        if (seconds <= _rampUpSeconds)
        {
            // (speedDelta * seconds) * (seconds + 1) / 2, halving the even factor first so it cannot overflow.
            return seconds % 2 == 1
                ? (seconds + 1) / 2 * speedDeltaPerSecond * seconds
                : seconds / 2 * speedDeltaPerSecond * (seconds + 1);
        }
        return ValueAtSecond(_rampUpSeconds) + (seconds - _rampUpSeconds) * _rowsPerSecond;
    }
}
