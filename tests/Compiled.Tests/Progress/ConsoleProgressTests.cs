using Compiled.Testing;
using Compiled.Tests.EventTime;

namespace Compiled.Tests.Progress;

/// <summary>The status line: its fields, the live form on a terminal and the periodic form when redirected.</summary>
public sealed class ConsoleProgressTests
{
    private static readonly DateTimeOffset T0 = new(2019, 2, 5, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Redirected_output_gets_one_log_line_per_interval_with_batch_watermark_and_state()
    {
        var output = new StringWriter();
        var listener = new ConsoleProgress(output, live: false, TimeSpan.FromSeconds(10));
        using var driver = new QueryTestDriver<TradeTotals>(new TradeWindowsPlan(), new() { StartTime = T0 });

        for (int i = 0; i < 4; i++)
        {
            driver.AddRows(0, new Trade(T0.UtcDateTime.AddMinutes(40 * i), "BUY", 1, "ABX"));
            listener.OnQueryProgress(driver.RunBatch().Progress);
            driver.AdvanceProcessingTime(TimeSpan.FromSeconds(4));
        }

        // Batches at 0, 4, 8 and 12 s: logged at 0 and 12.
        string[] lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal("2019-02-05T10:00:00Z [TradeWindows] batch 0 | in 0 rows/s | processed 0 rows/s | state 1 rows", lines[0]);
        Assert.StartsWith("2019-02-05T10:00:12Z [TradeWindows] batch 3 |", lines[1], StringComparison.Ordinal);
        Assert.Contains(" | watermark 2019-02-05T10:50:00.000Z | state ", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_terminal_gets_the_line_rewritten_in_place_and_a_newline_at_the_end()
    {
        var output = new StringWriter();
        var listener = new ConsoleProgress(output, live: true, TimeSpan.FromSeconds(10));
        using var driver = new QueryTestDriver<TradeTotals>(new TradeWindowsPlan(), new() { StartTime = T0 });
        driver.AddRows(0, new Trade(T0.UtcDateTime, "BUY", 1, "ABX"));
        listener.OnQueryProgress(driver.RunBatch().Progress);
        listener.OnQueryTerminated(new QueryTerminatedEvent(Guid.Empty, Guid.Empty, null));

        Assert.Equal("\r[TradeWindows] batch 0 | in 0 rows/s | processed 0 rows/s | state 1 rows\u001b[K\r" + Environment.NewLine, output.ToString());
    }

    [Fact]
    public void Remaining_files_and_offsets_come_from_the_sources_metrics()
    {
        var progress = new StreamingQueryProgress
        {
            Id = Guid.Empty, RunId = Guid.Empty, Name = "Q", Timestamp = T0, BatchId = 7, BatchDurationMs = 500,
            DurationMs = new Dictionary<string, long>(), EventTime = new Dictionary<string, string>(), StateOperators = [],
            Sources =
            [
                new SourceProgress("files", null, null, 1500, 1000, 3000, new Dictionary<string, string> { ["numFilesRemaining"] = "4" }),
                new SourceProgress("kafka", null, null, 500, 500, 1000, new Dictionary<string, string> { ["numOffsetsRemaining"] = "12000" }),
            ],
            Sink = new SinkProgress("sink", 0, new Dictionary<string, string>()),
        };
        Assert.Equal("[Q] batch 7 | in 1,500 rows/s | processed 4,000 rows/s | remaining 4 files | remaining 12,000 offsets", ConsoleProgress.Format(progress));
    }
}
