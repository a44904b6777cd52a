using Compiled.EndToEnd.Tests.Queries;
using Compiled.EndToEnd.Tests.Support;

namespace Compiled.EndToEnd.Tests.Testing;

/// <summary>
/// Windowed queries through their generated <c>TestDriver</c>: random readings with out-of-order and late rows, one batch
/// per chunk followed by a batch without data; every batch's rows, watermark and late rows must be what
/// <see cref="WindowReference{TRow, TKey}"/> says Spark would do.
/// </summary>
public sealed class WindowedTestDriverTests
{
    private static readonly TimeSpan s_delay = TimeSpan.FromSeconds(5);

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void Append_windows_close_batch_by_batch_as_the_reference_says(int seed)
    {
        var reference = new WindowReference<Reading, string>(r => r.Time, r => "", WindowShape.Tumbling,
            TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(3), s_delay, OutputMode.Append);
        using var driver = new TumblingTotalAppend.TestDriver();

        foreach (var chunk in Chunks(seed))
        {
            foreach (var rows in new[] { chunk, [] })
            {
                var expected = reference.Batch(rows).Select(w => new WindowTotal(w.Start, w.End, w.Rows.Count, w.Rows.Sum(r => (long)r.Value), w.Rows.Max(r => r.Value)));
                var batch = driver.AddReadings([.. rows]).RunBatch();
                Assert.Equal(Sorted(expected), Sorted(batch.Rows));
                Assert.Equal(reference.Watermark, batch.WatermarkAfter?.UtcDateTime);
                Assert.Equal(0, batch.LateRowCount);   // dropped, not routed
            }
        }
        Assert.True(reference.Late > 0, "the data should hold late rows");
        Assert.Contains(driver.Batches, b => b.Progress.NumInputRows == 0 && b.Rows.Count > 0);   // the watermark alone closed a window
    }

    [Fact]
    public void Late_rows_of_an_input_routed_to_a_sink_are_kept_by_the_driver_and_the_rest_update_sliding_windows()
    {
        var reference = new WindowReference<Reading, string>(r => r.Time, r => r.Sensor, WindowShape.Sliding,
            TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10), TimeSpan.Zero, s_delay, OutputMode.Update);
        using var driver = new SlidingSensorLateToSink.TestDriver();
        var expectedLate = new List<Reading>();
        DateTime? maxTime = null;

        foreach (var chunk in Chunks(7))
        {
            var watermark = maxTime - s_delay;
            var late = chunk.Where(r => r.Time <= watermark).ToList();
            expectedLate.AddRange(late);
            if (chunk.Count > 0) maxTime = new[] { maxTime ?? DateTime.MinValue, chunk.Max(r => r.Time) }.Max();

            var expected = reference.Batch(chunk).Select(w => new SensorWindow(w.Start, w.End, w.Key, w.Rows.Count, w.Rows.Sum(r => (long)r.Value)));
            var batch = driver.AddReadings([.. chunk]).RunBatch();
            Assert.Equal(Sorted(expected), Sorted(batch.Rows));
            Assert.Equal(late.Count, batch.LateRowCount);
        }
        Assert.NotEmpty(expectedLate);
        Assert.Equal(expectedLate, driver.LateReadings);
        Assert.Equal(expectedLate.Count, reference.Late);
    }

    [Fact]
    public void Asking_for_late_rows_of_an_input_that_drops_them_names_the_input_and_the_fix()
    {
        using var driver = new TumblingTotalAppend.TestDriver();
        var e = Assert.Throws<ArgumentException>(() => driver.Driver.LateRows<Reading>(0));
        Assert.Contains("Input 0 (readings) of query 'TumblingTotalAppend' does not route late rows to a sink", e.Message, StringComparison.Ordinal);
        Assert.Contains("LateRows.ToSink", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Readings moving forward up to 2 s a row, a fifth up to 15 s in the past, in chunks of 1 to 40 rows.</summary>
    private static List<List<Reading>> Chunks(int seed)
    {
        var random = new Random(seed);
        var now = new DateTime(2026, 12, 4, 10, 0, 0, DateTimeKind.Utc);
        string[] sensors = ["a", "b", "c"];
        var chunks = new List<List<Reading>>();
        for (int i = 0; i < 12; i++)
        {
            var chunk = new List<Reading>();
            for (int n = random.Next(1, 40); n > 0; n--)
            {
                now = now.AddMilliseconds(random.Next(0, 2000));
                var time = random.Next(5) == 0 ? now.AddMilliseconds(-random.Next(0, 15_000)) : now;
                chunk.Add(new Reading(time, sensors[random.Next(sensors.Length)], random.Next(-50, 100)));
            }
            chunks.Add(chunk);
        }
        return chunks;
    }

    private static string[] Sorted<T>(IEnumerable<T> rows) where T : notnull =>
        rows.Select(r => r.ToString()!).Order(StringComparer.Ordinal).ToArray();
}
