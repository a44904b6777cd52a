using Compiled.IO;
using Microsoft.Extensions.Logging;

namespace Compiled.Sources.Files;

/// <summary>
/// Checks made before a planned file is read, and before a listed file is planned: it must still be the regular
/// file that was planned, unchanged. A file that is gone, or changed, would make the batch read other rows than its
/// log entry promised, so by default that fails the batch with a message saying what to do.
/// </summary>
public sealed partial class FileSource<T>
{
    /// <summary>Listed names already reported as unreadable, so each is logged once per run.</summary>
    private readonly HashSet<string> _reportedUnlisted = new(StringComparer.Ordinal);

    /// <summary>Highest committed log index checked against the log this run.</summary>
    private long _verifiedThrough = LogOffset.BeforeFirst;

    /// <summary>
    /// True when planned <paramref name="file"/> of entry <paramref name="index"/> is to be read; false when it is
    /// gone and <see cref="FileSourceOptions.IgnoreMissingFiles"/> skips it.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file is gone and missing files are not ignored.</exception>
    /// <exception cref="IOException">The file changed since it was planned and changed files are not read.</exception>
    private bool CanRead(long index, SourceFile file, string full)
    {
        PathKind kind = PathProbe.Probe(full);
        if (kind != PathKind.RegularFile)
        {
            string what = Unreadable(kind);
            if (_options.IgnoreMissingFiles)
            {
                _missingSkipped++;
                _context!.Logger.LogWarning("{Source}: skipped input file '{File}' of batch log entry {Index}: {What} (IgnoreMissingFiles).",
                    Description, full, index, what);
                return false;
            }
            throw new FileNotFoundException(
                $"{Description}: input file '{full}' of batch log entry {index} cannot be read: {what}. The batch was planned with it, " +
                "so every restart would stop here. Put the file back, or set FileSourceOptions.IgnoreMissingFiles = true to skip it " +
                "(the skip is logged and counted in numMissingFilesSkipped).", full);
        }

        var now = new FileInfo(full);
        long size, modifiedMs;
        try
        {
            size = now.Length;
            modifiedMs = new DateTimeOffset(now.LastWriteTimeUtc).ToUnixTimeMilliseconds();
        }
        catch (FileNotFoundException)
        {
            // Removed since the probe: the same as gone before it.
            return CanRead(index, file, full);
        }
        if (size == file.Size && modifiedMs == file.ModifiedMs) return true;

        string change = $"planned with {file.Size} bytes modified at {Instant(file.ModifiedMs)}, now {size} bytes modified at {Instant(modifiedMs)}";
        if (_options.ReadChangedFiles)
        {
            _changedRead++;
            _context!.Logger.LogWarning("{Source}: input file '{File}' of batch log entry {Index} changed after it was planned ({Change}); reading it as it is now (ReadChangedFiles).",
                Description, full, index, change);
            return true;
        }
        throw new IOException(
            $"{Description}: input file '{full}' of batch log entry {index} changed after it was planned ({change}). " +
            "Reading it now would give other rows than the batch was planned with. Input files must not change once they are in the " +
            "directory: write them elsewhere and move them in. Restore the file, or set FileSourceOptions.ReadChangedFiles = true to read it as it is now.");
    }

    /// <summary>
    /// True when the listed <paramref name="full"/> is a regular file the source can plan; anything else is skipped,
    /// with one warning per name, and never opened (a FIFO would block the query).
    /// </summary>
    private bool IsPlannable(string name, string full)
    {
        PathKind kind = PathProbe.Probe(full);
        if (kind == PathKind.RegularFile) return true;
        if (kind != PathKind.Directory && _reportedUnlisted.Add(name))
        {
            _context!.Logger.LogWarning("{Source}: skipping '{File}' in the input directory: {What}. It is not read.",
                Description, full, Unreadable(kind));
        }
        return false;
    }

    /// <summary>
    /// Checks, once per run, that the source's log remembers every entry up to <paramref name="committed"/>, the
    /// index the engine's offsets log says was committed. A deleted entry or compact file would let its files be
    /// planned again and counted twice.
    /// </summary>
    /// <exception cref="InvalidOperationException">An entry in the range is in neither an entry file nor the compact file.</exception>
    private void VerifyLogCovers(long committed, SourceOffset? start)
    {
        if (committed <= _verifiedThrough) return;
        for (long index = Math.Max(_compactedThrough, _verifiedThrough) + 1; index <= committed; index++)
        {
            if (_entries.ContainsKey(index)) continue;
            string entry = Path.Combine(_context!.CheckpointDirectory, index.ToString(System.Globalization.CultureInfo.InvariantCulture));
            string compact = Path.Combine(_context.CheckpointDirectory, FileSourceLog.CompactName);
            string where = _compactedThrough == LogOffset.BeforeFirst
                ? $"neither '{entry}' nor the compact file '{compact}' that would fold it in exists"
                : $"'{entry}' does not exist and the compact file '{compact}' covers only entries up to {_compactedThrough}";
            throw new InvalidOperationException(
                $"{Description}: the query's offsets log says file-source log entries up to {committed} were committed ({start?.Json}), " +
                $"but entry {index} is missing: {where}. The files it listed would be read again and counted twice. " +
                "Restore the source's log from a backup, or start the query with a new checkpoint location.");
        }
        _verifiedThrough = committed;
    }

    private static string Unreadable(PathKind kind) => kind switch
    {
        PathKind.Missing => "it no longer exists (deleted, or a symlink to nothing)",
        PathKind.SymlinkLoop => "it is a symlink loop (too many levels of symbolic links)",
        PathKind.Special => "it is not a regular file (a FIFO, socket or device)",
        PathKind.Directory => "it is a directory",
        PathKind.Unrepresentable => "its name is not valid UTF-8, so it cannot be opened by name; rename it",
        _ => kind.ToString(),
    };

    private static string Instant(long unixMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMs).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
