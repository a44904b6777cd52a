using Compiled.Sources;
using Compiled.Tests.TestSupport;
using static Compiled.Tests.TestSupport.SourceBatches;

namespace Compiled.Tests.Rate;

public sealed class RateMicroBatchSourceTests
{
    private static readonly DateTime Start = new(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    [Fact]
    public void Every_batch_has_rowsPerBatch_rows_and_one_timestamp_regardless_of_the_clock()
    {
        using var source = Source.RateMicroBatch(5, new RateMicroBatchSourceOptions { StartTimestamp = Start, AdvancePerBatch = TimeSpan.FromMilliseconds(250) });
        source.Open(Context(Path.GetTempPath(), new ManualClock(0)));   // never advanced

        SourceOffset? start = null;
        var batches = new List<RateRow[]>();
        for (int b = 0; b < 3; b++)
        {
            var end = source.LatestOffset(start, ReadLimit.Default)!;
            batches.Add(ReadRows<RateRow>(source, start, end));
            start = end;
        }

        for (int b = 0; b < 3; b++)
        {
            // Spark: "batch 0 will produce 0~999 and batch 1 will produce 1000~1999" (here 5 per batch).
            var expectedTime = Start.AddMilliseconds(250 * b);
            Assert.Equal(Enumerable.Range(5 * b, 5).Select(v => new RateRow(expectedTime, v)), batches[b]);
        }
        Assert.Equal("{\"offset\":15,\"timestamp\":1704164645750}", start!.Json);
    }

    [Fact]
    public void A_replayed_range_reads_the_same_rows_in_a_new_instance()
    {
        using var first = Source.RateMicroBatch(1000);
        var end1 = first.LatestOffset(null, ReadLimit.Default)!;
        var end2 = first.LatestOffset(end1, ReadLimit.Default)!;
        var rows = ReadRows<RateRow>(first, end1, end2);

        using var second = Source.RateMicroBatch(1000);
        Assert.Equal(rows, ReadRows<RateRow>(second, end1, end2));
        Assert.Equal(1000, rows[0].Value);
        Assert.Equal(DateTime.UnixEpoch.AddSeconds(1), rows[0].Timestamp);   // Spark defaults: start 0, advance 1000 ms
    }

    [Fact]
    public void Available_now_produces_a_single_batch()
    {
        using var source = Source.RateMicroBatch(10);
        var logged = new SourceOffset("{\"offset\":30,\"timestamp\":3000}");
        source.PrepareForAvailableNow();
        var end = source.LatestOffset(logged, ReadLimit.All)!;
        Assert.Equal("{\"offset\":40,\"timestamp\":4000}", end.Json);
        Assert.Same(end, source.LatestOffset(end, ReadLimit.All));
    }

    [Fact]
    public void Bad_arguments_are_reported()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Source.RateMicroBatch(0));
        Assert.Contains("rowsPerBatch must be positive, got 0", ex.Message);
        var advance = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Source.RateMicroBatch(1, new RateMicroBatchSourceOptions { AdvancePerBatch = TimeSpan.FromSeconds(-1) }));
        Assert.Contains("AdvancePerBatch must not be negative", advance.Message);
    }
}
