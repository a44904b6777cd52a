using System.Text.Json.Serialization;
using Compiled.Sources;

namespace Compiled.Checkpointing;

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
