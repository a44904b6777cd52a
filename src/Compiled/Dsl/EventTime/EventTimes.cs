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

    private static long FloorDiv(long value, long divisor)
    {
        long quotient = value / divisor;
        return value % divisor < 0 ? quotient - 1 : quotient;
    }
}
