using System.Globalization;
using Compiled.IO;
using Compiled.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Compiled.Sinks.Files;

/// <summary>
/// Writes each batch as a data file (JSON lines or CSV) under a directory, exactly once: the batch commits
/// when its manifest <c>_manifest/&lt;batchId&gt;</c> is durably written, and readers
/// (<see cref="FileSinkReader"/>) take only files a manifest lists. Append mode only.
/// </summary>
/// <remarks>
/// A data file is named <c>part-&lt;batchId&gt;-&lt;guid&gt;&lt;ext&gt;</c>, written to a hidden temporary file, fsynced and
/// renamed. A replay of a batch whose manifest exists does nothing; a replay whose manifest is missing deletes
/// what the crashed attempt left for that batch id and writes it again.
/// </remarks>
public sealed class FileSink<T> : ISink<T>
{
    /// <summary>Prefix of data file names.</summary>
    internal const string PartPrefix = "part-";

    private static readonly IReadOnlyCollection<OutputMode> Modes = [OutputMode.Append];

    private readonly string _path;
    private readonly IRowFileWriter<T> _writer;
    private ILogger? _logger;
    private string _queryName = "";

    internal FileSink(string path, IRowFileWriter<T> writer)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _path = Path.GetFullPath(path);
        _writer = writer;
    }

    /// <inheritdoc />
    public string Description => $"FileSink[{_path}]";

    /// <summary>The output directory (full path).</summary>
    public string OutputDirectory => _path;

    /// <inheritdoc />
    public IReadOnlyCollection<OutputMode> SupportedModes => Modes;

    /// <inheritdoc />
    public void Open(SinkContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.OutputMode != OutputMode.Append)
            throw new NotSupportedException($"{Description} of query '{context.QueryName}' supports only the Append output mode, not {context.OutputMode}.");
        _logger = context.Logger;
        _queryName = context.QueryName;
        string manifests = DurableFile.CreateDirectory(Path.Combine(_path, FileSinkManifest.DirectoryName));
        DurableFile.DeleteLeftovers(manifests);
        ClaimOutput(context);
    }

    /// <summary>Refuses a directory holding another query's output; records this query as the owner of a new one.</summary>
    private void ClaimOutput(SinkContext context)
    {
        if (FileSinkOwner.Read(_path) is { } owner)
        {
            if (owner.Id == context.QueryId) return;
            throw new InvalidOperationException(
                $"{Description} of query '{context.QueryName}' (id {context.QueryId}): output directory '{_path}' already holds the output of " +
                $"query '{owner.Name}' (id {owner.Id}, recorded in '{FileSinkOwner.PathFor(_path)}'). Batch ids of one query mean nothing to another: " +
                "this query's batches would be taken for replays and dropped. A query restarted with a new checkpoint location is a new query. " +
                "Write to a new output directory, or delete the old output first.");
        }
        if (FileSinkManifest.BatchIds(_path).Any())
        {
            // Written before owners were recorded: the first query to open it after the upgrade adopts it.
            _logger?.LogWarning("{Sink}: output directory '{Path}' has committed batches but no owner; query '{Query}' adopts it. " +
                "If another query wrote it, stop and use a new output directory.", Description, _path, context.QueryName);
        }
        FileSinkOwner.Write(_path, context.QueryId, context.QueryName);
    }

    /// <inheritdoc />
    public void AddBatch(long batchId, ReadOnlySpan<T> rows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(batchId);
        try
        {
            WriteBatch(batchId, rows);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // What this attempt wrote is not committed: free its space now (a full disk is the usual cause).
            try { DeleteLeftovers(batchId); }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException) { }
            throw new IOException(
                $"{Description} of query '{_queryName}': cannot write batch {batchId} to '{_path}': {IoErrors.Explain(e)} {IoErrors.Advice(e)}".TrimEnd(), e)
            {
                HResult = e.HResult,
            };
        }
    }

    private void WriteBatch(long batchId, ReadOnlySpan<T> rows)
    {
        if (File.Exists(FileSinkManifest.PathFor(_path, batchId)))
        {
            _logger?.LogInformation("{Sink}: batch {BatchId} is already committed; the replay writes nothing.", Description, batchId);
            return;
        }
        DurableFile.CreateDirectory(Path.Combine(_path, FileSinkManifest.DirectoryName));
        DeleteLeftovers(batchId);

        var files = new List<FileSinkManifestEntry>(1);
        if (rows.Length > 0)
        {
            string name = PartPrefixFor(batchId) + Guid.NewGuid().ToString("N") + _writer.Extension;
            string final = Path.Combine(_path, name);
            string temp = DurableFile.TempPathFor(final);
            long size;
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                _writer.Write(stream, rows);
                stream.Flush(flushToDisk: true);
                size = stream.Length;
                CrashPoints.Hit(CrashPoints.SinkMidWrite, batchId, _queryName);
            }
            DurableFile.Publish(temp, final, overwrite: false);
            CrashPoints.Hit(CrashPoints.SinkRenamed, batchId, _queryName);
            files.Add(new FileSinkManifestEntry(name, size, rows.Length));
        }
        FileSinkManifest.Write(_path, batchId, files);
    }

    /// <summary>Deletes data and temporary files an earlier, uncommitted attempt at <paramref name="batchId"/> left behind.</summary>
    private void DeleteLeftovers(long batchId)
    {
        string prefix = PartPrefixFor(batchId);
        string tempPrefix = DurableFile.TempPrefix + prefix;
        foreach (string path in Directory.EnumerateFiles(_path))
        {
            string name = Path.GetFileName(path);
            if (!name.StartsWith(prefix, StringComparison.Ordinal) && !name.StartsWith(tempPrefix, StringComparison.Ordinal)) continue;
            File.Delete(path);
            _logger?.LogInformation("{Sink}: deleted '{File}', left by an uncommitted attempt at batch {BatchId}.", Description, name, batchId);
        }
    }

    /// <summary>Data file names of <paramref name="batchId"/> start with this; the trailing dash keeps batch 1 from matching batch 10.</summary>
    internal static string PartPrefixFor(long batchId) =>
        PartPrefix + batchId.ToString("D5", CultureInfo.InvariantCulture) + "-";

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
