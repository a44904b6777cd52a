namespace Compiled;

/// <summary>
/// An event-time window, [<see cref="Start"/>, <see cref="End"/>): the key part that
/// <see cref="Window.Tumbling(DateTime, TimeSpan, TimeSpan)"/>, <see cref="Window.Sliding(DateTime, TimeSpan, TimeSpan, TimeSpan)"/>
/// and <see cref="Window.Session(DateTime, TimeSpan)"/> produce inside a <c>GroupBy</c>.
/// </summary>
/// <param name="Start">Inclusive start, as a UTC <see cref="DateTime"/>.</param>
/// <param name="End">Exclusive end, as a UTC <see cref="DateTime"/>.</param>
public readonly record struct TimeWindow(DateTime Start, DateTime End)
{
    /// <summary><see cref="Start"/> in Unix milliseconds.</summary>
    public long StartMs => EventTimes.ToUnixMs(Start);

    /// <summary><see cref="End"/> in Unix milliseconds.</summary>
    public long EndMs => EventTimes.ToUnixMs(End);

    /// <summary>
    /// The event time of the window's result, <see cref="End"/> minus one tick (Spark's <c>window_time</c>): a later
    /// aggregation groups on it to chain windows, <c>GroupBy(r =&gt; Window.Tumbling(r.Window.WindowTime, TimeSpan.FromHours(1)))</c>.
    /// </summary>
    public DateTime WindowTime => End.AddTicks(-1);

    /// <summary>The window [<paramref name="startMs"/>, <paramref name="endMs"/>) in Unix milliseconds.</summary>
    public static TimeWindow FromUnixMs(long startMs, long endMs) =>
        new(EventTimes.FromUnixMs(startMs), EventTimes.FromUnixMs(endMs));
}
