namespace Compiled;

/// <summary>
/// Event-time window functions, used as (part of) a <c>GroupBy</c> key:
/// <c>GroupBy(t =&gt; Window.Tumbling(t.CreatedTime, TimeSpan.FromMinutes(15)))</c> or
/// <c>GroupBy(t =&gt; (Window.Tumbling(t.CreatedTime, TimeSpan.FromMinutes(15)), t.Broker))</c>.
/// Windows are aligned to the Unix epoch plus <c>offset</c>, as Spark's <c>window()</c> is.
/// </summary>
/// <remarks>
/// The generator compiles these calls into window assignment and windowed state; the bodies here serve
/// <see cref="LogicalPlan"/>'s reference evaluation. A sliding window puts a row in size/slide windows and a session
/// window's extent depends on the other rows of its key, so those two are expanded by the aggregation that groups by them,
/// never by calling the function on its own.
/// </remarks>
public static partial class Window
{
    /// <summary>
    /// Stands for the batch's trigger time (fixed in the offsets log, so a replayed batch sees the same value) in place of an
    /// event-time column: processing-time windows, as DStream's <c>window</c> and <c>reduceByKeyAndWindow</c> compute.
    /// </summary>
    public static DateTime ProcessingTime => WindowEvaluation.CurrentProcessingTime;

    /// <summary>The fixed-size, non-overlapping window holding <paramref name="time"/>.</summary>
    public static TimeWindow Tumbling(DateTime time, TimeSpan size, TimeSpan offset = default) =>
        TumblingMs(EventTimes.ToUnixMs(time), size, offset);

    /// <inheritdoc cref="Tumbling(DateTime, TimeSpan, TimeSpan)"/>
    public static TimeWindow Tumbling(DateTimeOffset time, TimeSpan size, TimeSpan offset = default) =>
        TumblingMs(EventTimes.ToUnixMs(time), size, offset);

    /// <inheritdoc cref="Tumbling(DateTime, TimeSpan, TimeSpan)"/>
    /// <param name="timeUnixMs">Event time in Unix milliseconds.</param>
    /// <param name="size">Window length.</param>
    /// <param name="offset">Shift of the window starts from the epoch.</param>
    public static TimeWindow Tumbling(long timeUnixMs, TimeSpan size, TimeSpan offset = default) =>
        TumblingMs(timeUnixMs, size, offset);

    /// <summary>The overlapping windows of length <paramref name="size"/> starting every <paramref name="slide"/> that hold <paramref name="time"/>.</summary>
    public static TimeWindow Sliding(DateTime time, TimeSpan size, TimeSpan slide, TimeSpan offset = default) =>
        SlidingMs(EventTimes.ToUnixMs(time), size, slide, offset);

    /// <inheritdoc cref="Sliding(DateTime, TimeSpan, TimeSpan, TimeSpan)"/>
    public static TimeWindow Sliding(DateTimeOffset time, TimeSpan size, TimeSpan slide, TimeSpan offset = default) =>
        SlidingMs(EventTimes.ToUnixMs(time), size, slide, offset);

    /// <inheritdoc cref="Sliding(DateTime, TimeSpan, TimeSpan, TimeSpan)"/>
    public static TimeWindow Sliding(long timeUnixMs, TimeSpan size, TimeSpan slide, TimeSpan offset = default) =>
        SlidingMs(timeUnixMs, size, slide, offset);

    /// <summary>
    /// A session window: rows of the same other key parts whose times are less than <paramref name="gap"/> apart share one
    /// window, from the first row's time to the last row's time plus the gap. The gap may be an expression over the row.
    /// </summary>
    public static TimeWindow Session(DateTime time, TimeSpan gap) => SessionMs(EventTimes.ToUnixMs(time), gap);

    /// <inheritdoc cref="Session(DateTime, TimeSpan)"/>
    public static TimeWindow Session(DateTimeOffset time, TimeSpan gap) => SessionMs(EventTimes.ToUnixMs(time), gap);

    /// <inheritdoc cref="Session(DateTime, TimeSpan)"/>
    public static TimeWindow Session(long timeUnixMs, TimeSpan gap) => SessionMs(timeUnixMs, gap);
}
