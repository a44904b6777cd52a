using System.Globalization;
using System.Text;
using System.Text.Json;
using Compiled.IO;

namespace Compiled.Sources.Files;

/// <summary>
/// Applies the <see cref="BadRecordPolicy"/> to records a format cannot read, and counts them.
/// </summary>
/// <remarks>
/// Redirected records of batch log entry N go to <c>badrecords-N.jsonl</c>, written to a temporary file and
/// renamed when the entry has been read. A replay of the entry rewrites the same file instead of
/// appending, so redirected records are not duplicated by crash recovery.
/// </remarks>
internal sealed class BadRecordHandler : IDisposable
{
    /// <summary>File name prefix of redirected records.</summary>
    public const string RedirectPrefix = "badrecords-";

    /// <summary>File name extension of redirected records.</summary>
    public const string RedirectExtension = ".jsonl";

    private readonly BadRecordPolicy _policy;
    private readonly string? _directory;
    private long _entryIndex = -1;
    private FileStream? _redirectStream;
    private Utf8JsonWriter? _redirectWriter;

    /// <summary>Creates a handler; <paramref name="directory"/> is required for <see cref="BadRecordPolicy.Redirect"/>.</summary>
    public BadRecordHandler(BadRecordPolicy policy, string? directory)
    {
        _policy = policy;
        _directory = directory is null ? null : Path.GetFullPath(directory);
    }

    /// <summary>A handler that fails on the first bad record.</summary>
    public static BadRecordHandler Failing() => new(BadRecordPolicy.Fail, null);

    /// <summary>Records skipped since <see cref="ResetCounters"/>.</summary>
    public long Skipped { get; private set; }

    /// <summary>Records redirected since <see cref="ResetCounters"/>.</summary>
    public long Redirected { get; private set; }

    /// <summary>Starts counting a new batch.</summary>
    public void ResetCounters()
    {
        Skipped = 0;
        Redirected = 0;
    }

    /// <summary>Bad records reported from now on belong to log entry <paramref name="entryIndex"/>.</summary>
    public void BeginEntry(long entryIndex)
    {
        Abort();
        _entryIndex = entryIndex;
    }

    /// <summary>Publishes the redirected records of the current entry, if any.</summary>
    public void EndEntry()
    {
        if (_redirectStream is null) return;
        _redirectWriter!.Flush();
        _redirectStream.Flush(flushToDisk: true);
        string temp = _redirectStream.Name;
        CloseRedirect();
        DurableFile.Publish(temp, RedirectPath(_entryIndex), overwrite: true);
    }

    /// <summary>Drops the unpublished redirected records of the current entry (the read failed).</summary>
    public void Abort()
    {
        if (_redirectStream is null) return;
        string temp = _redirectStream.Name;
        CloseRedirect();
        File.Delete(temp);
    }

    /// <summary>Handles a bad record whose raw text is <paramref name="raw"/>.</summary>
    public void Report(string filePath, long lineNumber, string reason, ReadOnlySpan<char> raw)
    {
        switch (_policy)
        {
            case BadRecordPolicy.Skip:
                Skipped++;
                return;
            case BadRecordPolicy.Redirect:
                WriteRedirected(filePath, lineNumber, reason, raw);
                Redirected++;
                return;
            default:
                throw new BadRecordException(filePath, lineNumber, reason);
        }
    }

    /// <summary>Handles a bad record whose raw UTF-8 bytes are <paramref name="rawUtf8"/>.</summary>
    public void Report(string filePath, long lineNumber, string reason, ReadOnlySpan<byte> rawUtf8) =>
        Report(filePath, lineNumber, reason, _policy == BadRecordPolicy.Redirect ? Encoding.UTF8.GetString(rawUtf8) : default);

    private void WriteRedirected(string filePath, long lineNumber, string reason, ReadOnlySpan<char> raw)
    {
        if (_redirectWriter is null)
        {
            DurableFile.CreateDirectory(_directory!);
            string temp = DurableFile.TempPathFor(RedirectPath(_entryIndex));
            _redirectStream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            _redirectWriter = new Utf8JsonWriter(_redirectStream);
        }
        var writer = _redirectWriter;
        writer.WriteStartObject();
        writer.WriteString("file", filePath);
        writer.WriteNumber("line", lineNumber);
        writer.WriteString("reason", reason);
        writer.WriteString("record", raw);
        writer.WriteEndObject();
        writer.Flush();
        _redirectStream!.WriteByte((byte)'\n');
        writer.Reset();
    }

    private string RedirectPath(long entryIndex) =>
        Path.Combine(_directory!, RedirectPrefix + entryIndex.ToString(CultureInfo.InvariantCulture) + RedirectExtension);

    private void CloseRedirect()
    {
        _redirectWriter?.Dispose();
        _redirectStream?.Dispose();
        _redirectWriter = null;
        _redirectStream = null;
    }

    /// <inheritdoc />
    public void Dispose() => Abort();
}
