using Compiled.Windows;

namespace Compiled;

public static partial class Window
{
    private static TimeWindow TumblingMs(long timeMs, TimeSpan size, TimeSpan offset)
    {
        long sizeMs = WindowMath.PositiveMs(size, nameof(size));
        long start = WindowMath.AlignedStart(timeMs, sizeMs, (long)offset.TotalMilliseconds);
        return TimeWindow.FromUnixMs(start, start + sizeMs);
    }

    private static TimeWindow SlidingMs(long timeMs, TimeSpan size, TimeSpan slide, TimeSpan offset) =>
        WindowEvaluation.Sliding(timeMs, WindowMath.PositiveMs(size, nameof(size)), WindowMath.PositiveMs(slide, nameof(slide)), (long)offset.TotalMilliseconds);

    private static TimeWindow SessionMs(long timeMs, TimeSpan gap) =>
        WindowEvaluation.Session(timeMs, (long)gap.TotalMilliseconds);
}
