using Confluent.Kafka;

namespace Compiled.Kafka;

/// <summary>
/// Where a new query starts reading (Spark's <c>startingOffsets</c>, <c>startingTimestamp</c> and
/// <c>startingOffsetsByTimestamp</c>). Applies only to the partitions known when the query's first batch is planned;
/// a restarted query resumes from its checkpoint, and partitions discovered later start at their earliest offset.
/// </summary>
public abstract record KafkaStartingOffsets
{
    /// <summary>Offset meaning "the partition's earliest offset" in <see cref="Specific"/> (Spark's -2).</summary>
    public const long EarliestOffset = -2;

    /// <summary>Offset meaning "the partition's latest offset" in <see cref="Specific"/> (Spark's -1).</summary>
    public const long LatestOffset = -1;

    private KafkaStartingOffsets() { }

    /// <summary>Every partition from its earliest available offset.</summary>
    public static KafkaStartingOffsets Earliest { get; } = new EarliestOffsets();

    /// <summary>Every partition from its end: only messages produced after the first batch is planned (Spark's streaming default).</summary>
    public static KafkaStartingOffsets Latest { get; } = new LatestOffsets();

    /// <summary>
    /// Given offsets per partition (<see cref="EarliestOffset"/> and <see cref="LatestOffset"/> allowed); a partition
    /// not listed starts at its earliest offset.
    /// </summary>
    public static KafkaStartingOffsets Specific(IReadOnlyDictionary<TopicPartition, long> offsets)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        foreach (var (partition, offset) in offsets)
        {
            if (offset < EarliestOffset)
                throw new ArgumentOutOfRangeException(nameof(offsets), offset,
                    $"Starting offset {offset} of {partition.Topic} partition {partition.Partition.Value} is invalid: use an offset >= 0, -2 (earliest) or -1 (latest).");
        }
        return new SpecificOffsets(offsets);
    }

    /// <summary>
    /// Every partition from the earliest offset whose timestamp is at or after <paramref name="timestamp"/>
    /// (Kafka's offsetsForTimes); a partition with no such message starts at its end.
    /// </summary>
    public static KafkaStartingOffsets Timestamp(DateTimeOffset timestamp) => new TimestampOffsets(timestamp, null);

    /// <summary>
    /// Per partition, the earliest offset whose timestamp is at or after the given one; a partition not listed starts
    /// at its earliest offset, one with no such message at its end.
    /// </summary>
    public static KafkaStartingOffsets ByTimestamp(IReadOnlyDictionary<TopicPartition, DateTimeOffset> timestamps)
    {
        ArgumentNullException.ThrowIfNull(timestamps);
        return new TimestampOffsets(null, timestamps);
    }

    /// <summary>See <see cref="Earliest"/>.</summary>
    internal sealed record EarliestOffsets : KafkaStartingOffsets;

    /// <summary>See <see cref="Latest"/>.</summary>
    internal sealed record LatestOffsets : KafkaStartingOffsets;

    /// <summary>See <see cref="Specific"/>.</summary>
    internal sealed record SpecificOffsets(IReadOnlyDictionary<TopicPartition, long> Offsets) : KafkaStartingOffsets;

    /// <summary>See <see cref="Timestamp"/> (<paramref name="All"/> set) and <see cref="ByTimestamp"/> (<paramref name="PerPartition"/> set).</summary>
    internal sealed record TimestampOffsets(DateTimeOffset? All, IReadOnlyDictionary<TopicPartition, DateTimeOffset>? PerPartition) : KafkaStartingOffsets;
}
