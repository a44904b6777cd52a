using System.Text.Json.Serialization;
using Compiled.Sources;

namespace Compiled.Checkpointing;

/// <summary>
/// <c>offsets/N</c>: the write-ahead record of batch N, written durably before the batch runs so that a
/// replay reads exactly the same ranges with the same timestamp and watermark.
/// </summary>
internal sealed record OffsetLogEntry : IBatchLogEntry
{
    /// <summary>The format version this runtime writes.</summary>
    internal const int CurrentVersion = 1;

    /// <inheritdoc />
    public required int Version { get; init; }

    /// <inheritdoc />
    public required long BatchId { get; init; }

    /// <summary>Watermark in force during the batch (Unix ms), <see cref="long.MinValue"/> when none.</summary>
    public required long BatchWatermarkMs { get; init; }

    /// <summary>
    /// Each input's watermark in force during the batch (Unix ms, <see cref="long.MinValue"/> for none), in input order;
    /// absent when no input declares one, and in checkpoints written before per-input watermarks.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<long>? InputWatermarksMs { get; init; }

    /// <summary>Processing time of the batch start (Unix ms); a replay sees the same value.</summary>
    public required long BatchTimestampMs { get; init; }

    /// <summary>One range per source, in the plan's input order.</summary>
    public required IReadOnlyList<SourceOffsetRange> Sources { get; init; }

    /// <summary>Settings that must not change while the checkpoint lives (e.g. the state store kind).</summary>
    public required IReadOnlyDictionary<string, string> Conf { get; init; }
}
