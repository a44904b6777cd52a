using Microsoft.Extensions.Logging;

namespace Compiled;

/// <summary>How a query runs: checkpoint, trigger, name, state, progress.</summary>
public sealed record QueryOptions
{
    /// <summary>
    /// Directory holding metadata, offsets, commits, state and source logs. Required for a query that must
    /// survive restarts; when null a fresh temporary directory is used and deleted when the query stops.
    /// </summary>
    public string? CheckpointLocation { get; init; }

    /// <summary>When batches run; <see cref="Trigger.Default"/> when not set.</summary>
    public Trigger Trigger { get; init; } = Trigger.Default;

    /// <summary>Query name in progress reports, logs and errors; the plan's name when null.</summary>
    public string? Name { get; init; }

    /// <summary>How many batches of offsets, commits and state versions to keep (default 100).</summary>
    public int RetainBatches { get; init; } = 100;

    /// <summary>Where state lives.</summary>
    public StateStoreKind StateStore { get; init; } = StateStoreKind.Faster;

    /// <summary>Memory each state store may use before FASTER spills to disk (default 64 MiB).</summary>
    public long StateMemoryBudgetBytes { get; init; } = 64L << 20;

    /// <summary>
    /// Longest a state checkpoint may take before the query fails (default 10 minutes). It bounds a checkpoint
    /// stalled on a disk error the state store does not report; a full disk is detected sooner.
    /// </summary>
    public TimeSpan StateCheckpointTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How many progress reports <c>RecentProgress</c> keeps (default 100).</summary>
    public int RecentProgressCount { get; init; } = 100;

    /// <summary>Receives progress and lifecycle events.</summary>
    public IReadOnlyList<IStreamingQueryListener> Listeners { get; init; } = [];

    /// <summary>Logger factory; no logging when null.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>
    /// How the query's watermark is chosen when several inputs declare one: the minimum (default) or the maximum of theirs.
    /// Logged in <c>offsets/N</c>: it cannot change while the checkpoint lives.
    /// </summary>
    public MultipleWatermarkPolicy WatermarkPolicy { get; init; } = MultipleWatermarkPolicy.Min;

    /// <summary>
    /// Whether a batch runs without new data when the watermark (or, for processing-time windows, the clock) passes a
    /// window end that some operator would emit or evict (default true, as Spark's <c>noDataMicroBatches.enabled</c>).
    /// When false, windows close only in the next batch that has data.
    /// </summary>
    public bool NoDataBatches { get; init; } = true;

    /// <summary>The clock; the system clock when null. Tests pass a manual clock.</summary>
    public IClock? Clock { get; init; }
}
