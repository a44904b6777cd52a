using Confluent.Kafka;

namespace Compiled.Kafka.Tests;

/// <summary>
/// Passes every call to a real consumer and counts those that restart a partition's fetch in librdkafka (seek, pause,
/// resume, a new assignment) or that would queue behind the reading consumer's long-poll fetch (offset lookups).
/// </summary>
internal sealed class RecordingConsumer<T>(KafkaRowConsumer<T> inner) : KafkaRowConsumer<T>
{
    public int FetchRestarts { get; private set; }

    public int OffsetLookups { get; private set; }

    public override Handle Handle => inner.Handle;

    public override void IncrementalAssign(IEnumerable<TopicPartitionOffset> partitions)
    {
        FetchRestarts++;
        inner.IncrementalAssign(partitions);
    }

    public override void IncrementalUnassign(IEnumerable<TopicPartition> partitions) => inner.IncrementalUnassign(partitions);

    public override void Seek(TopicPartitionOffset position)
    {
        FetchRestarts++;
        inner.Seek(position);
    }

    public override void Pause(IEnumerable<TopicPartition> partitions)
    {
        FetchRestarts++;
        inner.Pause(partitions);
    }

    public override void Resume(IEnumerable<TopicPartition> partitions)
    {
        FetchRestarts++;
        inner.Resume(partitions);
    }

    public override Consumed<T> Consume(TimeSpan timeout) => inner.Consume(timeout);

    public override WatermarkOffsets QueryWatermarkOffsets(TopicPartition partition, TimeSpan timeout)
    {
        OffsetLookups++;
        return inner.QueryWatermarkOffsets(partition, timeout);
    }

    public override List<TopicPartitionOffset> OffsetsForTimes(IEnumerable<TopicPartitionTimestamp> timestamps, TimeSpan timeout)
    {
        OffsetLookups++;
        return inner.OffsetsForTimes(timestamps, timeout);
    }

    public override void Commit(IEnumerable<TopicPartitionOffset> offsets) => inner.Commit(offsets);

    public override void Dispose() => inner.Dispose();
}
