namespace Compiled.Windows;

/// <summary>Window alignment to the Unix epoch plus an offset, as Spark's <c>window()</c> aligns: shared by the DSL's reference evaluation and the window state.</summary>
internal static class WindowMath
{
    /// <summary><paramref name="value"/> modulo <paramref name="divisor"/>, never negative (times before 1970 align too).</summary>
    internal static long FloorMod(long value, long divisor)
    {
        long remainder = value % divisor;
        return remainder < 0 ? remainder + divisor : remainder;
    }

    /// <summary>The start of the aligned slot of length <paramref name="lengthMs"/> holding <paramref name="timeMs"/>.</summary>
    internal static long AlignedStart(long timeMs, long lengthMs, long offsetMs) => timeMs - FloorMod(timeMs - offsetMs, lengthMs);

    /// <summary>Greatest common divisor of two positive lengths: the pane of a sliding window.</summary>
    internal static long Gcd(long a, long b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return a;
    }

    /// <summary>Milliseconds of a window length, slide or gap, which must be positive.</summary>
    internal static long PositiveMs(TimeSpan span, string name)
    {
        long ms = (long)span.TotalMilliseconds;
        return ms > 0 ? ms : throw new ArgumentOutOfRangeException(name, span, "A window length, slide or gap must be at least one millisecond (CQ1106).");
    }
}
