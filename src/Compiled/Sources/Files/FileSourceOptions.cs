namespace Compiled.Sources.Files;

/// <summary>Options of a file source (Spark's file source options, as properties).</summary>
public sealed record FileSourceOptions
{
    /// <summary>The default <see cref="MaxFileAge"/>: one week.</summary>
    public static readonly TimeSpan DefaultMaxFileAge = TimeSpan.FromDays(7);

    /// <summary>Most new files one batch takes; no limit when null. Cannot be combined with <see cref="MaxBytesPerTrigger"/>.</summary>
    public int? MaxFilesPerTrigger { get; init; }

    /// <summary>
    /// Most bytes (sum of file sizes) one batch takes; no limit when null. A batch always takes at least one
    /// file, however large. Cannot be combined with <see cref="MaxFilesPerTrigger"/>.
    /// </summary>
    public long? MaxBytesPerTrigger { get; init; }

    /// <summary>Take the newest files first instead of the oldest.</summary>
    public bool LatestFirst { get; init; }

    /// <summary>
    /// Files older than this, measured from the newest file seen so far (not the clock), are ignored.
    /// The first batch considers every file. Not applied when <see cref="LatestFirst"/> is combined with a
    /// per-trigger limit, because the oldest files would then age out before their turn.
    /// </summary>
    public TimeSpan MaxFileAge { get; init; } = DefaultMaxFileAge;

    /// <summary>What happens to input files once their batch is committed.</summary>
    public CleanSourceMode CleanSource { get; init; } = CleanSourceMode.Off;

    /// <summary>Where <see cref="CleanSourceMode.Archive"/> moves files; required for it, and must not be inside the source directory.</summary>
    public string? SourceArchiveDir { get; init; }

    /// <summary>What happens to records that cannot be read.</summary>
    public BadRecordPolicy BadRecords { get; init; } = BadRecordPolicy.Fail;

    /// <summary>Directory for <see cref="BadRecordPolicy.Redirect"/>; required for it and used only by it. One directory per source.</summary>
    public string? BadRecordsPath { get; init; }

    /// <summary>
    /// Skip a planned input file that is gone (deleted, a dangling or looping symlink, no longer a regular file) when
    /// its batch is read, instead of failing (Spark's <c>ignoreMissingFiles</c>). Each skip is logged as a warning
    /// and counted in the source metric <c>numMissingFilesSkipped</c>.
    /// </summary>
    public bool IgnoreMissingFiles { get; init; }

    /// <summary>
    /// Read a planned input file whose size or modification time changed since it was planned, with a warning and
    /// the source metric <c>numChangedFilesRead</c>, instead of failing. A changed file makes a replay read other
    /// rows than the first attempt did.
    /// </summary>
    public bool ReadChangedFiles { get; init; }

    /// <summary>True when <see cref="MaxFileAge"/> filters files (see its remarks).</summary>
    internal bool AppliesMaxFileAge => !(LatestFirst && (MaxFilesPerTrigger is not null || MaxBytesPerTrigger is not null));

    /// <summary>Throws an <see cref="ArgumentException"/> naming the option at fault.</summary>
    internal void Validate(string sourcePath)
    {
        string where = $"file source '{sourcePath}'";
        if (MaxFilesPerTrigger is not null && MaxBytesPerTrigger is not null)
            throw new ArgumentException($"FileSourceOptions of {where}: MaxFilesPerTrigger and MaxBytesPerTrigger cannot both be set; choose one.");
        if (MaxFilesPerTrigger is <= 0)
            throw new ArgumentException($"FileSourceOptions of {where}: MaxFilesPerTrigger must be positive, got {MaxFilesPerTrigger}.");
        if (MaxBytesPerTrigger is <= 0)
            throw new ArgumentException($"FileSourceOptions of {where}: MaxBytesPerTrigger must be positive, got {MaxBytesPerTrigger}.");
        if (MaxFileAge <= TimeSpan.Zero)
            throw new ArgumentException($"FileSourceOptions of {where}: MaxFileAge must be positive, got {MaxFileAge}.");
        ValidateCleanSource(sourcePath, where);
        ValidateBadRecords(sourcePath, where);
    }

    private void ValidateCleanSource(string sourcePath, string where)
    {
        if (CleanSource != CleanSourceMode.Archive)
        {
            if (SourceArchiveDir is not null)
                throw new ArgumentException($"FileSourceOptions of {where}: SourceArchiveDir is set but CleanSource is {CleanSource}; it is only used with CleanSource = Archive.");
            return;
        }
        if (string.IsNullOrWhiteSpace(SourceArchiveDir))
            throw new ArgumentException($"FileSourceOptions of {where}: CleanSource = Archive requires SourceArchiveDir.");
        if (IsSameOrInside(SourceArchiveDir, sourcePath))
            throw new ArgumentException($"FileSourceOptions of {where}: SourceArchiveDir '{SourceArchiveDir}' must not be the source directory or inside it, or archived files would be read again.");
    }

    private void ValidateBadRecords(string sourcePath, string where)
    {
        if (BadRecords != BadRecordPolicy.Redirect)
        {
            if (BadRecordsPath is not null)
                throw new ArgumentException($"FileSourceOptions of {where}: BadRecordsPath is set but BadRecords is {BadRecords}; it is only used with BadRecords = Redirect.");
            return;
        }
        if (string.IsNullOrWhiteSpace(BadRecordsPath))
            throw new ArgumentException($"FileSourceOptions of {where}: BadRecords = Redirect requires BadRecordsPath.");
        if (IsSameOrInside(BadRecordsPath, sourcePath))
            throw new ArgumentException($"FileSourceOptions of {where}: BadRecordsPath '{BadRecordsPath}' must not be the source directory or inside it.");
    }

    /// <summary>True when <paramref name="candidate"/> is <paramref name="directory"/> or below it.</summary>
    internal static bool IsSameOrInside(string candidate, string directory)
    {
        string c = Path.TrimEndingDirectorySeparator(Path.GetFullPath(candidate));
        string d = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        var comparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return c.Equals(d, comparison) || c.StartsWith(d + Path.DirectorySeparatorChar, comparison);
    }
}
