using Microsoft.Extensions.Logging;

namespace Compiled.Sources.Files;

/// <summary>After commit: cleanSource and folding the log into the compact file.</summary>
public sealed partial class FileSource<T>
{
    /// <inheritdoc />
    public void Commit(SourceOffset end)
    {
        var log = EnsureOpen();
        long committed = LogOffset.Parse(end, Description);
        if (_options.CleanSource != CleanSourceMode.Off)
        {
            foreach (var (index, files) in _entries)
            {
                if (index <= _cleanedThrough) continue;
                if (index > committed) break;
                foreach (var file in files) Clean(file);
            }
        }
        _cleanedThrough = Math.Max(_cleanedThrough, committed);
        if (committed - _compactedThrough >= CompactInterval) Compact(log, committed);
    }

    /// <summary>Deletes or archives one committed input file. Best effort: a failure is logged, never thrown.</summary>
    private void Clean(SourceFile file)
    {
        string source = Path.Combine(_path, file.Name);
        try
        {
            if (!File.Exists(source)) return;
            if (_options.CleanSource == CleanSourceMode.Delete)
            {
                File.Delete(source);
                return;
            }
            // Archive keeps the path relative to the source directory.
            string target = Path.Combine(Path.GetFullPath(_options.SourceArchiveDir!), file.Name);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Move(source, target, overwrite: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _context!.Logger.LogWarning(e, "{Source}: could not {Action} committed input file '{File}'; it stays in place and will not be read again.",
                Description, _options.CleanSource == CleanSourceMode.Delete ? "delete" : "archive", source);
        }
    }

    /// <summary>
    /// Folds committed entries into the compact file and deletes them. Files older than the age threshold are
    /// forgotten: the threshold alone keeps them from being planned again.
    /// </summary>
    private void Compact(FileSourceLog log, long committed)
    {
        long threshold = AgeThreshold();
        var expired = new List<string>();
        foreach (var (name, modifiedMs) in _seen)
        {
            if (modifiedMs < threshold) expired.Add(name);
        }
        foreach (string name in expired) _seen.Remove(name);

        var remembered = new List<SourceFile>(_seen.Count);
        foreach (var (name, modifiedMs) in _seen) remembered.Add(new SourceFile(name, 0, modifiedMs));
        remembered.Sort(SourceFile.OldestFirst);
        log.Compact(committed, _latestModifiedMs, remembered);

        var folded = new List<long>();
        foreach (long index in _entries.Keys)
        {
            if (index > committed) break;
            folded.Add(index);
        }
        foreach (long index in folded) _entries.Remove(index);
        _compactedThrough = committed;
    }
}
