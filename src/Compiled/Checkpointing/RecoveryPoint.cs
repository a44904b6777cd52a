using Compiled.Sources;

namespace Compiled.Checkpointing;

/// <summary>Where a query resumes, computed from the last <c>offsets/N</c> and <c>commits/M</c>.</summary>
internal sealed record RecoveryPoint
{
    /// <summary>Id of the next batch to plan (after the pending one, if any).</summary>
    public required long NextBatchId { get; init; }

    /// <summary>Batch N logged but not committed (N = M + 1): re-run it with exactly these ranges first.</summary>
    public required OffsetLogEntry? PendingBatch { get; init; }

    /// <summary>Last committed batch M, the version state is recovered to; null when none was committed.</summary>
    public required long? LastCommittedBatchId { get; init; }

    /// <summary>End offsets of the last committed batch per source: where the next new batch starts.</summary>
    public required IReadOnlyList<SourceOffset?> CommittedOffsets { get; init; }

    /// <summary>Watermark the next planned batch uses.</summary>
    public required long WatermarkMs { get; init; }

    /// <summary>Each input's watermark for the next planned batch; null when none was logged.</summary>
    public IReadOnlyList<long>? InputWatermarksMs { get; init; }

    /// <summary>The watermark in force during the last logged batch (<see cref="long.MinValue"/> when none): a batch
    /// without new data is due only once the watermark has moved past it.</summary>
    public long LastBatchWatermarkMs { get; init; } = long.MinValue;

    /// <summary>
    /// Reads the logs of <paramref name="checkpoint"/> and decides where to resume.
    /// </summary>
    /// <param name="checkpoint">The opened checkpoint.</param>
    /// <param name="sourceCount">Number of sources of the plan; must equal the logged count.</param>
    /// <param name="conf">Settings that must equal the logged ones (e.g. the state store kind).</param>
    /// <exception cref="CheckpointException">The logs are inconsistent or were written by another query shape.</exception>
    internal static RecoveryPoint Recover(CheckpointDirectory checkpoint, int sourceCount, IReadOnlyDictionary<string, string> conf)
    {
        long? lastOffsets = checkpoint.Offsets.Latest();
        long? lastCommit = checkpoint.Commits.Latest();
        if (lastOffsets is not long n)
        {
            if (lastCommit is long orphan)
                throw new CheckpointException(checkpoint.Commits.PathOf(orphan),
                    $"Query '{checkpoint.QueryName}': checkpoint '{checkpoint.Root}' has commit '{checkpoint.Commits.PathOf(orphan)}' but no offsets log; it is damaged.");
            return new RecoveryPoint
            {
                NextBatchId = 0,
                PendingBatch = null,
                LastCommittedBatchId = null,
                CommittedOffsets = new SourceOffset?[sourceCount],
                WatermarkMs = long.MinValue,
            };
        }

        OffsetLogEntry entry = checkpoint.Offsets.Read(n);
        CheckEntryMatches(checkpoint, entry, sourceCount, conf);
        if (lastCommit == n)
        {
            CommitLogEntry commit = checkpoint.Commits.Read(n);
            return new RecoveryPoint
            {
                NextBatchId = n + 1,
                PendingBatch = null,
                LastCommittedBatchId = n,
                CommittedOffsets = entry.Sources.Select(s => s.End).ToArray(),
                WatermarkMs = commit.NextBatchWatermarkMs,
                InputWatermarksMs = commit.NextInputWatermarksMs,
                LastBatchWatermarkMs = entry.BatchWatermarkMs,
            };
        }
        if (lastCommit == n - 1 || (lastCommit is null && n == 0))
        {
            if (lastCommit is long m) checkpoint.Commits.Read(m);
            return new RecoveryPoint
            {
                NextBatchId = n + 1,
                PendingBatch = entry,
                LastCommittedBatchId = lastCommit,
                CommittedOffsets = entry.Sources.Select(s => s.End).ToArray(),
                WatermarkMs = entry.BatchWatermarkMs,
                InputWatermarksMs = entry.InputWatermarksMs,
                LastBatchWatermarkMs = entry.BatchWatermarkMs,
            };
        }
        string commitText = lastCommit is long c ? $"batch {c}" : "no batch";
        throw new CheckpointException(checkpoint.Root,
            $"Query '{checkpoint.QueryName}': checkpoint '{checkpoint.Root}' has offsets up to batch {n} but commits up to {commitText}; " +
            $"the commit log must end at batch {n} or {n - 1}. Entries were deleted or copied by hand.");
    }

    private static void CheckEntryMatches(CheckpointDirectory checkpoint, OffsetLogEntry entry, int sourceCount, IReadOnlyDictionary<string, string> conf)
    {
        string path = checkpoint.Offsets.PathOf(entry.BatchId);
        if (entry.Sources.Count != sourceCount)
            throw new CheckpointException(path,
                $"Query '{checkpoint.QueryName}': checkpoint entry '{path}' holds {entry.Sources.Count} source(s), but the query has {sourceCount}. " +
                "The number of sources cannot change between restarts.");
        foreach (var (key, value) in conf)
        {
            if (entry.Conf.TryGetValue(key, out string? logged) && !string.Equals(logged, value, StringComparison.Ordinal))
                throw new CheckpointException(path,
                    $"Query '{checkpoint.QueryName}': setting '{key}' is '{value}' but the checkpoint was written with '{logged}' ({path}). " +
                    "It cannot change between restarts; start the query with a new checkpoint location.");
        }
    }
}
