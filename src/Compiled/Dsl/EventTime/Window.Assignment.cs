namespace Compiled;

public static partial class Window
{
    private static TimeWindow TumblingMs(long timeMs, TimeSpan size, TimeSpan offset)
    {
        long sizeMs = PositiveMs(size, nameof(size));
        long offsetMs = (long)offset.TotalMilliseconds;
        long start = timeMs - FloorMod(timeMs - offsetMs, sizeMs);
        return TimeWindow.FromUnixMs(start, start + sizeMs);
    }

    private static TimeWindow SlidingMs(long timeMs, TimeSpan size, TimeSpan slide, TimeSpan offset) =>
        WindowEvaluation.Sliding(timeMs, PositiveMs(size, nameof(size)), PositiveMs(slide, nameof(slide)), (long)offset.TotalMilliseconds);

    private static TimeWindow SessionMs(long timeMs, TimeSpan gap) =>
        WindowEvaluation.Session(timeMs, PositiveMs(gap, nameof(gap)));

    private static long PositiveMs(TimeSpan span, string name)
    {
        long ms = (long)span.TotalMilliseconds;
        return ms > 0 ? ms : throw new ArgumentOutOfRangeException(name, span, "A window length, slide or gap must be positive (CQ1106).");
    }

    private static long FloorMod(long value, long divisor)
    {
        long remainder = value % divisor;
        return remainder < 0 ? remainder + divisor : remainder;
    }
}
