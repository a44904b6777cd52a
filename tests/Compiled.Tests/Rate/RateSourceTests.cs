using Compiled.Sources;
using Compiled.Sources.Rate;
using Compiled.Tests.TestSupport;
using static Compiled.Tests.TestSupport.SourceBatches;

namespace Compiled.Tests.Rate;

public sealed class RateSourceTests : IDisposable
{
    private const long StartMs = 1_700_000_000_123;   // deliberately not on a second boundary
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Reference: with a constant rate, value v is due v / rate seconds after the start, rounded to the ms.</summary>
    private static RateRow Expected(long value, long rowsPerSecond) =>
        new(DateTime.UnixEpoch.AddMilliseconds(StartMs + Math.Floor(value * 1000.0 / rowsPerSecond + 0.5)), value);

    [Theory]
    [InlineData(10, 4, new long[] { 0, 2, 6, 12, 20, 30, 40 })]     // Spark's documented ramp-up example
    [InlineData(5, 0, new long[] { 0, 5, 10, 15 })]
    [InlineData(3, 10, new long[] { 0, 0, 0, 0 })]                  // rate below ramp seconds + 1: speed delta 0, as in Spark
    public void ValueAtSecond_matches_Spark(long rate, long rampUp, long[] expected)
    {
        var schedule = new RateSchedule(rate, rampUp);
        for (int s = 0; s < expected.Length; s++) Assert.Equal(expected[s], schedule.ValueAtSecond(s));
    }

    [Fact]
    public void Rows_follow_the_clock_in_whole_seconds()
    {
        var clock = new ManualClock(StartMs);
        using var source = Source.Rate(new RateSourceOptions { RowsPerSecond = 3 });
        source.Open(Context(_dir.Path, clock));

        Assert.Null(source.LatestOffset(null, ReadLimit.Default));           // no whole second yet
        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Null(source.LatestOffset(null, ReadLimit.Default));

        clock.Advance(TimeSpan.FromMilliseconds(1501));                        // 2.5 s elapsed
        var end = source.LatestOffset(null, ReadLimit.Default);
        Assert.Equal("{\"second\":2,\"value\":6}", end!.Json);

        var rows = ReadRows<RateRow>(source, null, end);
        Assert.Equal(Enumerable.Range(0, 6).Select(v => Expected(v, 3)), rows);
        Assert.All(rows, r => Assert.Equal(DateTimeKind.Utc, r.Timestamp.Kind));

        Assert.Same(end, source.LatestOffset(end, ReadLimit.Default));       // nothing new within the same second
    }

    [Fact]
    public void Batch_boundaries_do_not_change_rows_at_a_constant_rate()
    {
        var clock = new ManualClock(StartMs);
        using var source = Source.Rate(new RateSourceOptions { RowsPerSecond = 7 });
        source.Open(Context(_dir.Path, clock));
        clock.Advance(TimeSpan.FromSeconds(1));
        var first = source.LatestOffset(null, ReadLimit.Default)!;
        clock.Advance(TimeSpan.FromSeconds(2));
        var second = source.LatestOffset(first, ReadLimit.Default)!;

        var split = ReadRows<RateRow>(source, null, first).Concat(ReadRows<RateRow>(source, first, second));
        var whole = ReadRows<RateRow>(source, null, second);
        Assert.Equal(whole, split);
        Assert.Equal(Enumerable.Range(0, 21).Select(v => Expected(v, 7)), whole);
    }

    [Fact]
    public void Restart_replays_identical_rows_and_continues_the_sequence()
    {
        var clock = new ManualClock(StartMs);
        SourceOffset first, second;
        RateRow[] firstRun;
        using (var run1 = Source.Rate(new RateSourceOptions { RowsPerSecond = 4 }))
        {
            run1.Open(Context(_dir.Path, clock));
            clock.Advance(TimeSpan.FromSeconds(2));
            first = run1.LatestOffset(null, ReadLimit.Default)!;
            clock.Advance(TimeSpan.FromSeconds(3));
            second = run1.LatestOffset(first, ReadLimit.Default)!;
            firstRun = ReadRows<RateRow>(run1, first, second);
        }
        Assert.True(File.Exists(Path.Combine(_dir.Path, RateStartTime.FileName)));

        // A later process, an hour on: the logged range reads the same rows, and new rows carry on.
        clock.Advance(TimeSpan.FromHours(1));
        using var run2 = Source.Rate(new RateSourceOptions { RowsPerSecond = 4 });
        run2.Open(Context(_dir.Path, clock));
        Assert.Equal(firstRun, ReadRows<RateRow>(run2, first, second));

        var third = run2.LatestOffset(second, ReadLimit.Default)!;
        var next = ReadRows<RateRow>(run2, second, third);
        Assert.Equal(20, next[0].Value);                                   // 5 s x 4 rows logged before
        Assert.Equal(Expected(20, 4), next[0]);                             // timestamps still count from the first start
        Assert.Equal(Enumerable.Range(20, next.Length).Select(v => Expected(v, 4)), next);
    }

    [Fact]
    public void A_changed_rate_continues_from_the_logged_value()
    {
        var clock = new ManualClock(StartMs);
        SourceOffset end;
        using (var run1 = Source.Rate(new RateSourceOptions { RowsPerSecond = 10 }))
        {
            run1.Open(Context(_dir.Path, clock));
            clock.Advance(TimeSpan.FromSeconds(2));
            end = run1.LatestOffset(null, ReadLimit.Default)!;               // values 0..19
        }
        using var run2 = Source.Rate(new RateSourceOptions { RowsPerSecond = 1 });
        run2.Open(Context(_dir.Path, clock));
        clock.Advance(TimeSpan.FromSeconds(3));
        var next = ReadRows<RateRow>(run2, end, run2.LatestOffset(end, ReadLimit.Default)!);
        Assert.Equal([20L, 21L, 22L], next.Select(r => r.Value));
    }

    [Fact]
    public void Ramp_up_spreads_the_range_over_its_seconds_like_Spark()
    {
        var clock = new ManualClock(StartMs);
        using var source = Source.Rate(new RateSourceOptions { RowsPerSecond = 10, RampUpTime = TimeSpan.FromSeconds(4) });
        source.Open(Context(_dir.Path, clock));
        clock.Advance(TimeSpan.FromSeconds(3));
        var end = source.LatestOffset(null, ReadLimit.Default)!;
        Assert.Equal("{\"second\":3,\"value\":12}", end.Json);
        var rows = ReadRows<RateRow>(source, null, end);
        // Spark: 3000 ms over 12 values = 250 ms per value.
        Assert.Equal(Enumerable.Range(0, 12).Select(v => new RateRow(DateTime.UnixEpoch.AddMilliseconds(StartMs + 250 * v), v)), rows);
    }

    [Fact]
    public void Available_now_takes_what_is_due_at_preparation()
    {
        var clock = new ManualClock(StartMs);
        using var source = Source.Rate(new RateSourceOptions { RowsPerSecond = 2 });
        source.Open(Context(_dir.Path, clock));
        clock.Advance(TimeSpan.FromSeconds(3.5));
        source.PrepareForAvailableNow();
        clock.Advance(TimeSpan.FromSeconds(10));

        var end = source.LatestOffset(null, ReadLimit.All)!;
        Assert.Equal("{\"second\":3,\"value\":6}", end.Json);
        Assert.Same(end, source.LatestOffset(end, ReadLimit.All));
    }

    [Fact]
    public void Clock_behind_the_logged_offset_yields_nothing_new()
    {
        var clock = new ManualClock(StartMs);
        using var source = Source.Rate();
        source.Open(Context(_dir.Path, clock));
        var logged = new SourceOffset("{\"second\":100,\"value\":100}");
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Same(logged, source.LatestOffset(logged, ReadLimit.Default));
    }

    [Fact]
    public void Bad_options_and_offsets_are_reported_clearly()
    {
        var zero = Assert.Throws<ArgumentOutOfRangeException>(() => Source.Rate(new RateSourceOptions { RowsPerSecond = 0 }));
        Assert.Contains("RowsPerSecond must be positive, got 0", zero.Message);
        var ramp = Assert.Throws<ArgumentOutOfRangeException>(() => Source.Rate(new RateSourceOptions { RampUpTime = TimeSpan.FromSeconds(-1) }));
        Assert.Contains("RampUpTime must not be negative", ramp.Message);

        using var source = Source.Rate();
        source.Open(Context(_dir.Path, new ManualClock(StartMs)));
        var bad = Assert.Throws<FormatException>(() => source.LatestOffset(new SourceOffset("{\"lines\":3}"), ReadLimit.Default));
        Assert.Contains("{\"lines\":3}", bad.Message);
    }

    [Fact]
    public void A_corrupt_start_time_file_names_its_path()
    {
        string file = Path.Combine(_dir.Path, RateStartTime.FileName);
        File.WriteAllText(file, "not json");
        using var source = Source.Rate();
        var ex = Assert.Throws<InvalidDataException>(() => source.Open(Context(_dir.Path, new ManualClock(StartMs))));
        Assert.Contains(file, ex.Message);
    }
}
