namespace Compiled.Sources.Files;

/// <summary>Planning: which new files the next batch takes.</summary>
public sealed partial class FileSource<T>
{
    /// <inheritdoc />
    public SourceOffset? LatestOffset(SourceOffset? start, ReadLimit limit)
    {
        var log = EnsureOpen();
        long next = LogOffset.Parse(start, Description) + 1;
        if (next <= _compactedThrough)
            throw new InvalidOperationException(
                $"{Description}: asked to plan after offset {start?.Json ?? "none"}, but log entries up to {_compactedThrough} are already committed and compacted; the checkpoint's offsets do not match this source's log.");

        VerifyLogCovers(next - 1, start);

        // An entry planned before a crash, but never run, is offered again unchanged.
        if (_entries.ContainsKey(next)) return LogOffset.Format(next);

        var candidates = ListCandidates();
        _filesRemaining = candidates.Count;
        if (candidates.Count == 0) return start;
        var batch = SelectBatch(candidates, limit);
        _filesRemaining = candidates.Count - batch.Length;
        log.WriteEntry(next, batch);
        _entries.Add(next, batch);
        Remember(batch);
        return LogOffset.Format(next);
    }

    /// <inheritdoc />
    public void PrepareForAvailableNow()
    {
        EnsureOpen();
        _availableNowSnapshot = ListDirectory();
    }

    /// <summary>Files not planned yet and not too old, in the order the options ask for.</summary>
    private List<SourceFile> ListCandidates()
    {
        long threshold = AgeThreshold();
        var listing = _availableNowSnapshot ?? ListDirectory();
        var candidates = new List<SourceFile>();
        foreach (var file in listing)
        {
            if (file.ModifiedMs >= threshold && !_seen.ContainsKey(file.Name)) candidates.Add(file);
        }
        candidates.Sort(_options.LatestFirst ? SourceFile.NewestFirst : SourceFile.OldestFirst);
        return candidates;
    }

    /// <summary>
    /// Oldest modification time still considered: the newest file seen minus MaxFileAge (Spark measures age
    /// from the latest file, not the clock). Before any file was seen, everything is considered.
    /// </summary>
    private long AgeThreshold()
    {
        if (!_options.AppliesMaxFileAge || _latestModifiedMs == long.MinValue) return long.MinValue;
        long maxAgeMs = (long)Math.Min(_options.MaxFileAge.TotalMilliseconds, long.MaxValue / 2);
        return _latestModifiedMs - maxAgeMs;
    }

    private SourceFile[] SelectBatch(List<SourceFile> candidates, ReadLimit limit)
    {
        if (limit.IgnorePerTriggerLimits) return candidates.ToArray();
        if (_options.MaxFilesPerTrigger is int maxFiles)
            return candidates.GetRange(0, Math.Min(maxFiles, candidates.Count)).ToArray();
        if (_options.MaxBytesPerTrigger is long maxBytes)
        {
            // A batch always takes at least one file, even one larger than the limit.
            int count = 1;
            long total = candidates[0].Size;
            while (count < candidates.Count && total + candidates[count].Size <= maxBytes)
                total += candidates[count++].Size;
            return candidates.GetRange(0, count).ToArray();
        }
        return candidates.ToArray();
    }

    /// <summary>
    /// The visible files of the input directory: names starting with '.' or '_' are hidden or temporary, and
    /// in a file sink's output only committed files count.
    /// </summary>
    private List<SourceFile> ListDirectory()
    {
        var files = new List<SourceFile>();
        bool sinkOutput = _sinkOutput.Refresh();
        foreach (var info in new DirectoryInfo(_path).EnumerateFiles())
        {
            string name = info.Name;
            if (name.Length == 0 || name[0] is '.' or '_') continue;
            if (sinkOutput && !_sinkOutput.IsCommitted(name)) continue;
            if (!IsPlannable(name, info.FullName)) continue;
            try
            {
                files.Add(new SourceFile(name, info.Length, new DateTimeOffset(info.LastWriteTimeUtc).ToUnixTimeMilliseconds()));
            }
            catch (FileNotFoundException)
            {
                // Removed between listing and stat: it was not there to be read.
            }
        }
        return files;
    }
}
