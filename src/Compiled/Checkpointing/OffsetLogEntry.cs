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

    /// <summary>Processing time of the batch start (Unix ms); a replay sees the same value.</summary>
    public required long BatchTimestampMs { get; init; }

    /// <summary>One range per source, in the plan's input order.</summary>
    public required IReadOnlyList<SourceOffsetRange> Sources { get; init; }

    /// <summary>Settings that must not change while the checkpoint lives (e.g. the state store kind).</summary>
    public required IReadOnlyDictionary<string, string> Conf { get; init; }
}

/// <summary>The range of one source in one batch: rows after <see cref="Start"/> up to and including <see cref="End"/>.</summary>
/// <remarks>
/// The start is stored with the end (Spark derives it from entry N-1) so a batch can be replayed from its
/// own entry alone, even after older entries were purged. Offsets are embedded as raw JSON, as the source wrote them.
/// </remarks>
internal sealed record SourceOffsetRange
{
    /// <summary>The source's description when the entry was written, for error messages.</summary>
    public required string Description { get; init; }

    /// <summary>Exclusive start; null when the source had never been read.</summary>
    [JsonConverter(typeof(RawJsonOffsetConverter))]
    public SourceOffset? Start { get; init; }

    /// <summary>Inclusive end; equal to <see cref="Start"/> when the source had nothing new in this batch.</summary>
    [JsonConverter(typeof(RawJsonOffsetConverter))]
    public SourceOffset? End { get; init; }

    /// <summary>True when the range holds rows to read.</summary>
    [JsonIgnore]
    public bool HasData => End is not null && End != Start;
}
