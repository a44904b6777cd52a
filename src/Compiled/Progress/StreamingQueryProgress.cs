namespace Compiled;

/// <summary>What one micro-batch did (Spark's <c>StreamingQueryProgress</c>).</summary>
public sealed record StreamingQueryProgress
{
    /// <summary>Query id, stable across restarts.</summary>
    public required Guid Id { get; init; }
    /// <summary>Id of this run; new at every start.</summary>
    public required Guid RunId { get; init; }
    /// <summary>Query name.</summary>
    public required string Name { get; init; }
    /// <summary>When the trigger started.</summary>
    public required DateTimeOffset Timestamp { get; init; }
    /// <summary>The batch id; repeats when a batch is replayed.</summary>
    public required long BatchId { get; init; }
    /// <summary>Wall time of the whole batch, in milliseconds.</summary>
    public required long BatchDurationMs { get; init; }
    /// <summary>Rows read from all sources in this batch.</summary>
    public long NumInputRows => Sources.Sum(s => s.NumInputRows);
    /// <summary>Rows per second arriving, over the time since the previous batch started.</summary>
    public double InputRowsPerSecond => Sources.Sum(s => s.InputRowsPerSecond);
    /// <summary>Rows per second processed, over this batch's duration.</summary>
    public double ProcessedRowsPerSecond => Sources.Sum(s => s.ProcessedRowsPerSecond);
    /// <summary>Milliseconds per phase: latestOffset, walCommit, addBatch, commitState, commitOffsets, triggerExecution.</summary>
    public required IReadOnlyDictionary<string, long> DurationMs { get; init; }
    /// <summary>Event-time statistics (max, min, avg, watermark) as ISO-8601 strings; empty without event time.</summary>
    public required IReadOnlyDictionary<string, string> EventTime { get; init; }
    /// <summary>One entry per stateful operator.</summary>
    public required IReadOnlyList<StateOperatorProgress> StateOperators { get; init; }
    /// <summary>One entry per source.</summary>
    public required IReadOnlyList<SourceProgress> Sources { get; init; }
    /// <summary>The sink.</summary>
    public required SinkProgress Sink { get; init; }
}

/// <summary>What a stateful operator did in a batch.</summary>
public sealed record StateOperatorProgress(
    string OperatorName,
    long NumRowsTotal,
    long NumRowsUpdated,
    long NumRowsRemoved,
    long CommitTimeMs,
    long MemoryUsedBytes,
    long NumRowsDroppedByWatermark,
    IReadOnlyDictionary<string, long> CustomMetrics);

/// <summary>What a source contributed to a batch.</summary>
public sealed record SourceProgress(
    string Description,
    string? StartOffset,
    string? EndOffset,
    long NumInputRows,
    double InputRowsPerSecond,
    double ProcessedRowsPerSecond,
    IReadOnlyDictionary<string, string> Metrics);

/// <summary>What the sink received in a batch.</summary>
public sealed record SinkProgress(string Description, long NumOutputRows, IReadOnlyDictionary<string, string> Metrics);
