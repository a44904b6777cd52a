using System.Globalization;
using Compiled.Batches;
using Compiled.Plans;
using Microsoft.Extensions.Logging;

namespace Compiled.Sources.Files;

/// <summary>
/// Streams the files of a directory: each batch takes new files (oldest first by modification time, ties
/// by name) and turns them into rows of <typeparamref name="T"/> through a format (text, JSON lines, CSV).
/// </summary>
/// <remarks>
/// <para>Fault tolerance: planning a batch durably writes log entry N (the files of that batch) under the
/// source's checkpoint directory, and the offset is <c>{"logOffset":N}</c>. Reading (start, end] reads exactly
/// the files of those entries, so a replay after a crash reads the same files; a file named in any entry is
/// never planned again, so a restart never reads a file twice.</para>
/// <para>Created by <c>Source.TextFiles</c>, <c>Source.JsonFiles</c> and <c>Source.CsvFiles</c>. Not thread-safe:
/// the engine calls it from the query's batch thread.</para>
/// </remarks>
public sealed partial class FileSource<T> : ISource<T>, ISourceMetrics
{
    private readonly string _path;
    private readonly FileSourceOptions _options;
    private readonly IFileFormat<T> _format;
    private readonly BadRecordHandler _badRecords;
    private readonly SinkOutputFilter _sinkOutput;

    private SourceContext? _context;
    private FileSourceLog? _log;
    private InputDirectoryWatcher? _watcher;

    /// <summary>Log entries not yet folded into the compact file, by index.</summary>
    private readonly SortedDictionary<long, SourceFile[]> _entries = new();

    /// <summary>Every file planned so far (by name), with its modification time, less those aged out.</summary>
    private readonly Dictionary<string, long> _seen = new(StringComparer.Ordinal);

    private long _latestModifiedMs = long.MinValue;
    private long _compactedThrough = LogOffset.BeforeFirst;
    private long _cleanedThrough = LogOffset.BeforeFirst;
    private List<SourceFile>? _availableNowSnapshot;

    private long _filesRead;
    private long _bytesRead;
    private long _missingSkipped;
    private long _changedRead;
    private long _filesRemaining;

    internal FileSource(string path, FileSourceOptions? options, IFileFormat<T> format)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _path = Path.GetFullPath(path);
        _options = options ?? new FileSourceOptions();
        _options.Validate(_path);
        _format = format;
        _badRecords = new BadRecordHandler(_options.BadRecords, _options.BadRecordsPath);
        _sinkOutput = new SinkOutputFilter(_path);
    }

    /// <summary>How many committed log entries accumulate before they are folded into the compact file.</summary>
    internal int CompactInterval { get; set; } = 10;

    /// <inheritdoc />
    public string Description => $"FileSource[{_path}]";

    /// <summary>The input directory (full path).</summary>
    public string InputDirectory => _path;

    /// <summary>The options in force.</summary>
    public FileSourceOptions Options => _options;

    /// <inheritdoc />
    public void Open(SourceContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!Directory.Exists(_path))
            throw new DirectoryNotFoundException($"{Description} of query '{context.QueryName}': input directory '{_path}' does not exist.");
        _context = context;
        _log = new FileSourceLog(context.CheckpointDirectory);
        var state = _log.Load();
        _compactedThrough = state.CompactedThrough;
        _verifiedThrough = LogOffset.BeforeFirst;
        _cleanedThrough = state.CompactedThrough;
        _latestModifiedMs = state.LatestModifiedMs;
        _entries.Clear();
        _seen.Clear();
        foreach (var file in state.CompactedFiles) _seen[file.Name] = file.ModifiedMs;
        foreach (var (index, files) in state.Entries)
        {
            _entries.Add(index, files);
            Remember(files);
        }
        _watcher?.Dispose();
        _watcher = InputDirectoryWatcher.Start(_path, context.DataAvailable, context.Logger, Description);
        _context.Logger.LogDebug("{Source} opened: {Entries} log entries after index {Compacted}, {Seen} files seen.",
            Description, _entries.Count, _compactedThrough, _seen.Count);
    }

    /// <summary>True when new files wake the query (the directory is watched), false when only polling finds them.</summary>
    internal bool WatchesInputDirectory => _watcher?.Watching ?? false;

    /// <inheritdoc />
    public long Read(SourceOffset? start, SourceOffset end, BatchInputs inputs, int slot)
    {
        var log = EnsureOpen();
        long from = LogOffset.Parse(start, Description) + 1;
        long to = LogOffset.Parse(end, Description);
        var rows = inputs.GetBuffer<T>(slot);
        int before = rows.Count;
        _filesRead = 0;
        _bytesRead = 0;
        _missingSkipped = 0;
        _changedRead = 0;
        _badRecords.ResetCounters();
        for (long index = from; index <= to; index++)
        {
            var files = _entries.TryGetValue(index, out var known) ? known : log.ReadEntry(index)
                ?? throw new InvalidOperationException(
                    $"{Description}: batch log entry {index} is missing from '{_context!.CheckpointDirectory}' (offsets {start?.Json ?? "none"} to {end.Json}); the checkpoint does not match this source.");
            ReadEntry(index, files, rows);
        }
        return rows.Count - before;
    }

    private void ReadEntry(long index, SourceFile[] files, RowBuffer<T> rows)
    {
        _badRecords.BeginEntry(index);
        try
        {
            foreach (var file in files)
            {
                string full = Path.Combine(_path, file.Name);
                if (!CanRead(index, file, full)) continue;
                _format.ReadFile(full, rows, _badRecords);
                _filesRead++;
                _bytesRead += file.Size;
            }
            _badRecords.EndEntry();
        }
        catch (Exception e)
        {
            _badRecords.Abort();
            if (e is BadRecordException) _log!.MarkReadFailed(index);
            throw;
        }
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> GetMetrics() => new Dictionary<string, string>
    {
        ["numFilesRead"] = _filesRead.ToString(CultureInfo.InvariantCulture),
        ["numBytesRead"] = _bytesRead.ToString(CultureInfo.InvariantCulture),
        ["numMissingFilesSkipped"] = _missingSkipped.ToString(CultureInfo.InvariantCulture),
        ["numChangedFilesRead"] = _changedRead.ToString(CultureInfo.InvariantCulture),
        ["numBadRecordsSkipped"] = _badRecords.Skipped.ToString(CultureInfo.InvariantCulture),
        ["numBadRecordsRedirected"] = _badRecords.Redirected.ToString(CultureInfo.InvariantCulture),
        ["numFilesRemaining"] = _filesRemaining.ToString(CultureInfo.InvariantCulture),
    };

    /// <inheritdoc />
    public void Dispose()
    {
        _watcher?.Dispose();
        _badRecords.Dispose();
    }

    private FileSourceLog EnsureOpen() =>
        _log ?? throw new InvalidOperationException($"{Description} has not been opened; the engine calls Open before planning or reading.");

    /// <summary>Adds planned files to the seen set and moves the newest timestamp forward.</summary>
    private void Remember(IEnumerable<SourceFile> files)
    {
        foreach (var file in files)
        {
            _seen[file.Name] = file.ModifiedMs;
            if (file.ModifiedMs > _latestModifiedMs) _latestModifiedMs = file.ModifiedMs;
        }
    }
}
