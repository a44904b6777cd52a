namespace Compiled.Sources.Rate;

/// <summary>Unix-millisecond conversions shared by the rate sources.</summary>
internal static class RateTime
{
    /// <summary>The UTC <see cref="DateTime"/> <paramref name="unixMs"/> milliseconds after the Unix epoch.</summary>
    public static DateTime FromUnixMilliseconds(long unixMs) =>
        DateTime.UnixEpoch.AddTicks(unixMs * TimeSpan.TicksPerMillisecond);

    /// <summary>Milliseconds from the Unix epoch to <paramref name="time"/> (read as UTC unless it says it is local).</summary>
    public static long ToUnixMilliseconds(DateTime time)
    {
        var utc = time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time;
        long ticks = utc.Ticks - DateTime.UnixEpoch.Ticks;
        long ms = ticks / TimeSpan.TicksPerMillisecond;
        return ticks % TimeSpan.TicksPerMillisecond < 0 ? ms - 1 : ms;   // floor, also before 1970
    }
}
