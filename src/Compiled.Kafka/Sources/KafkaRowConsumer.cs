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
}

/// <summary>One consumed item: a row, the end of a partition, a bad record or a lost position.</summary>
internal readonly record struct Consumed<T>(ConsumedKind Kind, TopicPartition? Partition, long Offset, T? Row, ConsumeException? Failure);

/// <summary>
/// The source's consumer, whatever its key and value types: it turns each message into a row of
/// <typeparamref name="T"/> (the value alone, or a <see cref="KafkaRecord{TKey, TValue}"/>). Deserialisation runs
/// inside Confluent.Kafka straight from librdkafka's buffer, so no byte array is made for a good message.
/// </summary>
internal abstract class KafkaRowConsumer<T> : IDisposable
{
    /// <summary>The client handle, for metadata through a dependent admin client.</summary>
    public abstract Handle Handle { get; }

    /// <summary>Reads exactly these partitions from these offsets, dropping whatever was fetched before.</summary>
    public abstract void Assign(IEnumerable<TopicPartitionOffset> partitions);

    /// <summary>Moves one assigned partition to <paramref name="position"/>.</summary>
    public abstract void Seek(TopicPartitionOffset position);

    /// <summary>The next item, waiting at most <paramref name="timeout"/>.</summary>
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

/// <summary>A <see cref="KafkaRowConsumer{T}"/> over a consumer of <typeparamref name="TKey"/> and <typeparamref name="TValue"/>.</summary>
internal sealed class KafkaRowConsumer<TKey, TValue, T> : KafkaRowConsumer<T>
{
    private readonly IConsumer<TKey, TValue> _consumer;
    private readonly Func<ConsumeResult<TKey, TValue>, T> _toRow;

    /// <summary>Builds the consumer from <paramref name="config"/> with the given deserialisers (null: Confluent's default for the type).</summary>
    public KafkaRowConsumer(ConsumerConfig config, IDeserializer<TKey>? keys, IDeserializer<TValue>? values, Func<ConsumeResult<TKey, TValue>, T> toRow)
    {
        var builder = new ConsumerBuilder<TKey, TValue>(config);
        if (keys is not null) builder.SetKeyDeserializer(keys);
        if (values is not null) builder.SetValueDeserializer(values);
        // librdkafka logs go nowhere by default in a library; errors that matter surface through Consume.
        builder.SetLogHandler(static (_, _) => { });
        builder.SetErrorHandler(static (_, _) => { });
        _consumer = builder.Build();
        _toRow = toRow;
    }

    public override Handle Handle => _consumer.Handle;

    public override void Assign(IEnumerable<TopicPartitionOffset> partitions) => _consumer.Assign(partitions);

    public override void Seek(TopicPartitionOffset position) => _consumer.Seek(position);

    public override Consumed<T> Consume(TimeSpan timeout)
    {
        ConsumeResult<TKey, TValue>? result;
        try
        {
            result = _consumer.Consume(timeout);
        }
        catch (ConsumeException e) when (e.Error.Code is ErrorCode.Local_KeyDeserialization or ErrorCode.Local_ValueDeserialization)
        {
            var at = e.ConsumerRecord.TopicPartitionOffset;
            return new Consumed<T>(ConsumedKind.BadRecord, at.TopicPartition, at.Offset.Value, default, e);
        }
        catch (ConsumeException e) when (e.Error.Code is ErrorCode.Local_AutoOffsetReset or ErrorCode.OffsetOutOfRange)
        {
            var at = e.ConsumerRecord?.TopicPartitionOffset;
            return new Consumed<T>(ConsumedKind.OffsetOutOfRange, at?.TopicPartition, at?.Offset.Value ?? -1, default, e);
        }
        if (result is null) return default;
        if (result.IsPartitionEOF) return new Consumed<T>(ConsumedKind.EndOfPartition, result.TopicPartition, result.Offset.Value, default, null);
        return new Consumed<T>(ConsumedKind.Row, result.TopicPartition, result.Offset.Value, _toRow(result), null);
    }

    public override WatermarkOffsets QueryWatermarkOffsets(TopicPartition partition, TimeSpan timeout) =>
        _consumer.QueryWatermarkOffsets(partition, timeout);

    public override List<TopicPartitionOffset> OffsetsForTimes(IEnumerable<TopicPartitionTimestamp> timestamps, TimeSpan timeout) =>
        _consumer.OffsetsForTimes(timestamps, timeout);

    public override void Commit(IEnumerable<TopicPartitionOffset> offsets) => _consumer.Commit(offsets);

    public override void Dispose()
    {
        _consumer.Close();
        _consumer.Dispose();
    }
}
