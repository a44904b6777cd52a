using Compiled.Sinks;
using Compiled.Sinks.ConsoleTable;
using Compiled.Testing;
using Compiled.Tests.EventTime;

namespace Compiled.Tests.Progress;

/// <summary>
/// On a terminal the live status line (standard error) and the console sink's tables (standard output) share the screen:
/// a table printed where the status stands must not leave the status's tail on screen.
/// </summary>
public sealed class StatusLineAndTableTests
{
    private static readonly DateTimeOffset T0 = new(2019, 2, 5, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_table_printed_over_the_live_status_line_leaves_no_trace_of_it()
    {
        var terminal = new StringWriter();
        var status = new ConsoleProgress(terminal, live: true, TimeSpan.Zero);
        var sink = new ConsoleSink<TradeTotals>(new ConsoleSinkOptions { Output = terminal }, clearStatusLine: true);
        using var driver = new QueryTestDriver<TradeTotals>(new TradeWindowsPlan(), new() { StartTime = T0 });

        driver.AddRows(0, new Trade(T0.UtcDateTime, "BUY", 500, "ABX"));
        var first = driver.RunBatch();
        sink.AddBatch(first.BatchId, [.. first.Rows]);
        status.OnQueryProgress(first.Progress);
        driver.AddRows(0, new Trade(T0.UtcDateTime.AddMinutes(1), "SELL", 300, "ABX"));
        var second = driver.RunBatch();
        sink.AddBatch(second.BatchId, [.. second.Rows]);
        status.OnQueryProgress(second.Progress);
        status.OnQueryTerminated(new QueryTerminatedEvent(Guid.Empty, Guid.Empty, null));

        var screen = Screen(terminal.ToString());
        string statusLine = ConsoleProgress.Format(second.Progress);
        var expected = new List<string>();
        foreach (var batch in new[] { first, second })
        {
            expected.AddRange(sink.Render(batch.BatchId, [.. batch.Rows], "\n").Split('\n')[..^1]);
        }
        expected.Add(statusLine);
        Assert.Equal(expected, screen);
        Assert.DoesNotContain(screen, line => line.Contains("[TradeWindows]", StringComparison.Ordinal) && line != statusLine);
    }

    /// <summary>What a terminal shows after <paramref name="output"/>: carriage return, erase to end of line and newline.</summary>
    private static List<string> Screen(string output)
    {
        var lines = new List<System.Text.StringBuilder> { new() };
        int column = 0;
        for (int i = 0; i < output.Length; i++)
        {
            var line = lines[^1];
            char c = output[i];
            if (c == '\r') column = 0;
            else if (c == '\n') { lines.Add(new()); column = 0; }
            else if (c == '\u001b' && output.AsSpan(i).StartsWith("\u001b[K")) { line.Length = Math.Min(line.Length, column); i += 2; }
            else
            {
                if (column < line.Length) line[column] = c;
                else line.Append(c);
                column++;
            }
        }
        var screen = lines.Select(l => l.ToString()).ToList();
        while (screen.Count > 0 && screen[^1].Length == 0) screen.RemoveAt(screen.Count - 1);
        return screen;
    }
}
