using System.Text.Json.Serialization;

namespace Compiled.Checkpointing;

/// <summary><c>commits/N</c>: batch N's output and state are durable; it will never run again.</summary>
internal sealed record CommitLogEntry : IBatchLogEntry
{
    /// <summary>The format version this runtime writes.</summary>
    internal const int CurrentVersion = 1;

    /// <inheritdoc />
    public required int Version { get; init; }

    /// <inheritdoc />
    public required long BatchId { get; init; }

    /// <summary>
    /// The watermark the next batch will use, computed from the event times batch N saw; kept here so a
    /// restart does not fall one batch behind (Spark's <c>nextBatchWatermarkMs</c>).
    /// </summary>
    public required long NextBatchWatermarkMs { get; init; }

    /// <summary>Each input's watermark for the next batch, in input order; absent when no input declares one (and in older checkpoints).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<long>? NextInputWatermarksMs { get; init; }
}
