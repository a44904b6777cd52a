namespace Compiled;

/// <summary>
/// Conversions between the event-time types a query may use (<see cref="DateTime"/>, <see cref="DateTimeOffset"/>,
/// <see cref="long"/> Unix milliseconds) and the Unix milliseconds that watermarks and windows are computed in.
/// </summary>
/// <remarks>A <see cref="DateTime"/>'s ticks are read as UTC whatever its <see cref="DateTime.Kind"/>, so a time
/// parsed without a zone ("2019-02-05 10:05:00") lands in the window its text names.</remarks>
public static class EventTimes
{
    private const long TicksPerMs = TimeSpan.TicksPerMillisecond;
    private static readonly long EpochTicks = DateTime.UnixEpoch.Ticks;

    /// <summary>Unix milliseconds of <paramref name="time"/> (sub-millisecond ticks are floored).</summary>
    public static long ToUnixMs(DateTime time) => FloorDiv(time.Ticks - EpochTicks, TicksPerMs);

    /// <summary>Unix milliseconds of <paramref name="time"/>.</summary>
    public static long ToUnixMs(DateTimeOffset time) => FloorDiv(time.UtcTicks - EpochTicks, TicksPerMs);

    /// <summary>A UTC <see cref="DateTime"/> at <paramref name="unixMs"/>.</summary>
    public static DateTime FromUnixMs(long unixMs) => new(EpochTicks + unixMs * TicksPerMs, DateTimeKind.Utc);

    /// <summary>
    /// True when <paramref name="time"/> is at or before <paramref name="unixMs"/>, to the tick: a row behind a watermark is
    /// late, and <see cref="TimeWindow.WindowTime"/> (a window's end minus one tick) is not late for a watermark at the
    /// millisecond before the end, as Spark compares its microsecond times with a millisecond watermark.
    /// </summary>
    public static bool AtOrBefore(DateTime time, long unixMs) => AtOrBeforeTicks(time.Ticks - EpochTicks, unixMs);

    /// <summary>True when <paramref name="time"/> is at or before <paramref name="unixMs"/>, to the tick.</summary>
    public static bool AtOrBefore(DateTimeOffset time, long unixMs) => AtOrBeforeTicks(time.UtcTicks - EpochTicks, unixMs);

    private static bool AtOrBeforeTicks(long ticks, long unixMs)
    {
        // Compared as whole milliseconds and the ticks left over, so a watermark of long.MinValue cannot overflow.
        long ms = FloorDiv(ticks, TicksPerMs);
        return ms < unixMs || (ms == unixMs && ticks - (ms * TicksPerMs) == 0);
    }

    private static long FloorDiv(long value, long divisor)
    {
        long quotient = value / divisor;
        return value % divisor < 0 ? quotient - 1 : quotient;
    }
}
