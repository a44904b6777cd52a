using Confluent.Kafka;

namespace Compiled.Kafka;

/// <summary>What one call to <see cref="KafkaRowConsumer{T}.Consume"/> returned.</summary>
internal enum ConsumedKind
{
    /// <summary>Nothing within the timeout.</summary>
    None,

    /// <summary>A message, deserialised into a row.</summary>
    Row,

    /// <summary>The consumer reached the end of a partition; the offset is the partition's end.</summary>
    EndOfPartition,

    /// <summary>A message whose key or value failed to deserialise.</summary>
    BadRecord,

    /// <summary>The partition's fetch position is no longer available on the broker (retention deleted it).</summary>
    OffsetOutOfRange,

    /// <summary>Any other error the consumer reported: <see cref="KafkaRowConsumer{T}.Consume"/> throws it when it comes to it.</summary>
    Error,
}

/// <summary>One consumed item: a row, the end of a partition, a bad record or a lost position.</summary>
internal readonly record struct Consumed<T>(ConsumedKind Kind, TopicPartition? Partition, long Offset, T? Row, ConsumeException? Failure);

/// <summary>
/// The source's consumer, whatever its key and value types: it turns each message into a row of
/// <typeparamref name="T"/> (the value alone, or a <see cref="KafkaRecord{TKey, TValue}"/>).
/// </summary>
internal abstract class KafkaRowConsumer<T> : IDisposable
{
    /// <summary>The client handle, for metadata through a dependent admin client.</summary>
    public abstract Handle Handle { get; }

    /// <summary>Adds partitions to the assignment, each read from the given offset.</summary>
    public abstract void IncrementalAssign(IEnumerable<TopicPartitionOffset> partitions);

    /// <summary>Removes partitions from the assignment.</summary>
    public abstract void IncrementalUnassign(IEnumerable<TopicPartition> partitions);

    /// <summary>Moves one assigned partition to <paramref name="position"/> (librdkafka restarts its fetch: slow).</summary>
    public abstract void Seek(TopicPartitionOffset position);

    /// <summary>Stops delivering messages of these partitions; resuming goes on after the last one delivered.</summary>
    public abstract void Pause(IEnumerable<TopicPartition> partitions);

    /// <summary>Delivers messages of paused partitions again.</summary>
    public abstract void Resume(IEnumerable<TopicPartition> partitions);

    /// <summary>The next item, waiting at most <paramref name="timeout"/>.</summary>
    /// <exception cref="ConsumeException">The consumer reported an error other than a lost position (as Confluent.Kafka raises it).</exception>
    public abstract Consumed<T> Consume(TimeSpan timeout);

    /// <summary>The partition's low and high watermarks (with read_committed, the high one is the last stable offset).</summary>
    public abstract WatermarkOffsets QueryWatermarkOffsets(TopicPartition partition, TimeSpan timeout);

    /// <summary>For each partition, the earliest offset whose timestamp is at or after the given one (Offset.End when none).</summary>
    public abstract List<TopicPartitionOffset> OffsetsForTimes(IEnumerable<TopicPartitionTimestamp> timestamps, TimeSpan timeout);

    /// <summary>Commits offsets to the consumer group (monitoring only).</summary>
    public abstract void Commit(IEnumerable<TopicPartitionOffset> offsets);

    /// <inheritdoc />
    public abstract void Dispose();
}
