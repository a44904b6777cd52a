using System.Globalization;
using System.Text;

namespace Compiled;

/// <summary>
/// Progress people can see: on a terminal, one status line (on standard error) rewritten after every batch; with
/// standard error redirected, the same line as a log line at most once per interval. Standard output, where the
/// console sink prints its tables, is never written. Opt in with one line:
/// <code>Listeners = [ConsoleProgress.Create()]</code>
/// </summary>
/// <remarks>
/// The line reads <c>[WordCount] batch 12 | in 1,234 rows/s | processed 5,678 rows/s | watermark 2026-01-01T10:10:00Z |
/// state 3,456 rows | remaining 4 files</c>. "remaining" shows the sources' <c>numFilesRemaining</c> or
/// <c>numOffsetsRemaining</c> metric when they report one (available-now runs). Called on the batch thread.
/// </remarks>
public sealed class ConsoleProgress : IStreamingQueryListener
{
    private const string ClearToEndOfLine = "\u001b[K";
    private readonly TextWriter _writer;
    private readonly bool _live;
    private readonly TimeSpan _interval;
    private DateTimeOffset _lastLogged = DateTimeOffset.MinValue;

    /// <summary>Writes to <paramref name="writer"/>: a live line when <paramref name="live"/>, else a log line per <paramref name="interval"/>.</summary>
    public ConsoleProgress(TextWriter writer, bool live, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (interval < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(interval), interval, "The log interval cannot be negative.");
        _writer = writer;
        _live = live;
        _interval = interval;
    }

    /// <summary>
    /// Progress on standard error: live when it is a terminal, otherwise a log line every <paramref name="logInterval"/>
    /// (default 10 seconds of batch time).
    /// </summary>
    public static ConsoleProgress Create(TimeSpan? logInterval = null) =>
        new(Console.Error, !Console.IsErrorRedirected, logInterval ?? TimeSpan.FromSeconds(10));

    /// <inheritdoc />
    public void OnQueryProgress(StreamingQueryProgress progress)
    {
        string line = Format(progress);
        if (_live)
        {
            // Back to the line's start, the status, the rest of the line cleared, and the cursor left at the start, so
            // whatever is printed next (a console sink's table) begins at column 0.
            _writer.Write("\r" + line + ClearToEndOfLine + "\r");
            _writer.Flush();
            return;
        }
        if (progress.Timestamp - _lastLogged < _interval) return;
        _lastLogged = progress.Timestamp;
        _writer.WriteLine(progress.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) + " " + line);
        _writer.Flush();
    }

    /// <inheritdoc />
    public void OnQueryTerminated(QueryTerminatedEvent e)
    {
        // Leave the last status on screen and move past it.
        if (!_live) return;
        _writer.WriteLine();
        _writer.Flush();
    }

    /// <summary>The status line of <paramref name="progress"/>.</summary>
    public static string Format(StreamingQueryProgress progress)
    {
        var line = new StringBuilder();
        line.Append(CultureInfo.InvariantCulture, $"[{progress.Name}] batch {progress.BatchId}");
        line.Append(CultureInfo.InvariantCulture, $" | in {progress.InputRowsPerSecond:N0} rows/s");
        line.Append(CultureInfo.InvariantCulture, $" | processed {progress.ProcessedRowsPerSecond:N0} rows/s");
        if (progress.EventTime.TryGetValue("watermark", out string? watermark)) line.Append(" | watermark ").Append(watermark);
        if (progress.StateOperators.Count > 0)
        {
            long stateRows = 0;
            foreach (var op in progress.StateOperators) stateRows += op.NumRowsTotal;
            line.Append(CultureInfo.InvariantCulture, $" | state {stateRows:N0} rows");
        }
        long files = Remaining(progress, "numFilesRemaining");
        long offsets = Remaining(progress, "numOffsetsRemaining");
        if (files >= 0) line.Append(CultureInfo.InvariantCulture, $" | remaining {files:N0} files");
        if (offsets >= 0) line.Append(CultureInfo.InvariantCulture, $" | remaining {offsets:N0} offsets");
        return line.ToString();
    }

    /// <summary>The sum of metric <paramref name="key"/> over the sources that report it, or -1 when none does.</summary>
    private static long Remaining(StreamingQueryProgress progress, string key)
    {
        long total = -1;
        foreach (var source in progress.Sources)
        {
            if (!source.Metrics.TryGetValue(key, out string? text) || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long n)) continue;
            total = Math.Max(total, 0) + n;
        }
        return total;
    }
}
