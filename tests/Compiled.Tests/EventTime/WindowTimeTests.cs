namespace Compiled.Tests.EventTime;

/// <summary>
/// <see cref="TimeWindow.WindowTime"/> and <see cref="EventTimes.AtOrBefore(DateTime, long)"/>, which chained window
/// aggregations rely on: a window's time is one tick before its end, and is late for a watermark only when the end is at
/// or before it (Spark compares its microsecond times with the millisecond watermark the same way).
/// </summary>
public sealed class WindowTimeTests
{
    private static readonly DateTime Epoch = DateTime.UnixEpoch;

    [Fact]
    public void Window_time_is_one_tick_before_the_end_and_falls_in_the_window()
    {
        var window = TimeWindow.FromUnixMs(10_000, 20_000);
        Assert.Equal(window.End.Ticks - 1, window.WindowTime.Ticks);
        Assert.Equal(19_999, EventTimes.ToUnixMs(window.WindowTime));
        Assert.True(window.WindowTime >= window.Start && window.WindowTime < window.End);
    }

    [Theory]
    [InlineData(20_000, 19_999, false)]
    [InlineData(20_000, 20_000, true)]
    [InlineData(20_000, 20_001, true)]
    [InlineData(-5_000, -5_001, false)]
    [InlineData(-5_000, -5_000, true)]
    public void A_window_time_is_late_only_when_its_end_is_at_or_behind_the_watermark(long endMs, long watermarkMs, bool late)
    {
        var window = TimeWindow.FromUnixMs(endMs - 1_000, endMs);
        Assert.Equal(late, EventTimes.AtOrBefore(window.WindowTime, watermarkMs));
        Assert.Equal(late, EventTimes.AtOrBefore(new DateTimeOffset(window.WindowTime, TimeSpan.Zero), watermarkMs));
    }

    [Theory]
    [InlineData(0L, 0L, true)]
    [InlineData(1L, 0L, false)]
    [InlineData(-1L, 0L, true)]
    [InlineData(0L, long.MinValue, false)]
    [InlineData(0L, long.MaxValue, true)]
    public void Times_on_a_whole_millisecond_compare_as_milliseconds(long timeMs, long watermarkMs, bool late)
    {
        Assert.Equal(late, EventTimes.AtOrBefore(Epoch.AddMilliseconds(timeMs), watermarkMs));
    }

    [Fact]
    public void A_tick_past_the_watermark_is_not_late_and_a_tick_before_it_is()
    {
        var at = EventTimes.FromUnixMs(1_000);
        Assert.False(EventTimes.AtOrBefore(at.AddTicks(1), 1_000));
        Assert.True(EventTimes.AtOrBefore(at.AddTicks(-1), 1_000));
        // 999.9999 ms is past a watermark at 999 ms, though it floors to 999.
        Assert.False(EventTimes.AtOrBefore(at.AddTicks(-1), 999));
        Assert.Equal(999, EventTimes.ToUnixMs(at.AddTicks(-1)));
    }
}
