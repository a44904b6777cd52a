using System.Runtime.InteropServices;
using Compiled.Kafka.Native;
using Confluent.Kafka;

namespace Compiled.Kafka;

/// <summary>
/// A <see cref="KafkaRowConsumer{T}"/> over a Confluent.Kafka consumer of <typeparamref name="TKey"/> and
/// <typeparamref name="TValue"/> that reads its messages in batches straight from librdkafka
/// (<see cref="KafkaConsumerQueue"/>): each key and value is deserialised from the native buffer in place and the native
/// message is destroyed at once. Everything else (assignment, seeks, pauses, offset lookups) goes through Confluent.
/// </summary>
/// <remarks>
/// Items come out exactly as Confluent.Kafka's <c>Consume</c> would give them: the same messages in the same order, the
/// same <see cref="SerializationContext"/> for the deserialisers, a failed deserialisation as a
/// <see cref="ConsumeException"/> with <c>Local_KeyDeserialization</c> or <c>Local_ValueDeserialization</c> carrying
/// the raw record, and any other error as the <see cref="ConsumeException"/> Confluent throws.
/// </remarks>
internal sealed unsafe class KafkaNativeRowConsumer<TKey, TValue, T> : KafkaRowConsumer<T>
{
    /// <summary>Messages popped per native call; their items wait in <see cref="_items"/> until read.</summary>
    internal const int BatchSize = 1024;

    private readonly IConsumer<TKey, TValue> _consumer;
    private readonly KafkaConsumerQueue _queue;
    private readonly IDeserializer<TKey> _keys;
    private readonly IDeserializer<TValue> _values;
    private readonly Func<TKey, TValue, KafkaMessageFields, T> _toRow;
    private readonly bool _ignoreKeys;
    private readonly bool _withHeaders;
    private readonly bool _withTimestamps;
    private readonly KafkaTopicPartitions _topics = new();
    private readonly nint[] _messages = new nint[BatchSize];
    private readonly Consumed<T>[] _items = new Consumed<T>[BatchSize];
    private int _next;
    private int _count;

    /// <summary>
    /// Builds the consumer from <paramref name="config"/> with the given deserialisers (null: Confluent's default for the
    /// type); <paramref name="toRow"/> makes a row of a message's key, value and other fields.
    /// </summary>
    public KafkaNativeRowConsumer(ConsumerConfig config, IDeserializer<TKey>? keys, IDeserializer<TValue>? values, Func<TKey, TValue, KafkaMessageFields, T> toRow)
    {
        var builder = new ConsumerBuilder<TKey, TValue>(config);
        if (keys is not null) builder.SetKeyDeserializer(keys);
        if (values is not null) builder.SetValueDeserializer(values);
        // librdkafka logs go nowhere by default in a library; errors that matter surface through Consume.
        builder.SetLogHandler(static (_, _) => { });
        builder.SetErrorHandler(static (_, _) => { });
        // Build checks the deserialisers (a type with no default and none given fails here, as it does for Confluent).
        _consumer = builder.Build();
        _keys = keys ?? KafkaDefaultDeserializers.For<TKey>();
        _values = values ?? KafkaDefaultDeserializers.For<TValue>();
        _ignoreKeys = typeof(TKey) == typeof(Ignore);
        (_withHeaders, _withTimestamps) = ResultFields(config);
        _toRow = toRow;
        try
        {
            _queue = new KafkaConsumerQueue(_consumer.Handle);
        }
        catch
        {
            _consumer.Dispose();
            throw;
        }
    }

    public override Handle Handle => _consumer.Handle;

    public override void IncrementalAssign(IEnumerable<TopicPartitionOffset> partitions) => _consumer.IncrementalAssign(partitions);

    public override void IncrementalUnassign(IEnumerable<TopicPartition> partitions)
    {
        _consumer.IncrementalUnassign(partitions);
        foreach (TopicPartition partition in partitions) Drop(partition);
    }

    public override void Seek(TopicPartitionOffset position)
    {
        _consumer.Seek(position);
        // librdkafka drops what it fetched before the seek; the items popped before it are dropped here.
        Drop(position.TopicPartition);
    }

    // Items already popped stay: librdkafka resumes after them.
    public override void Pause(IEnumerable<TopicPartition> partitions) => _consumer.Pause(partitions);

    public override void Resume(IEnumerable<TopicPartition> partitions) => _consumer.Resume(partitions);

    public override Consumed<T> Consume(TimeSpan timeout)
    {
        if (_next == _count) Fill(timeout);
        while (_next < _count)
        {
            Consumed<T> item = _items[_next];
            _items[_next++] = default;
            if (item.Kind == ConsumedKind.Error) throw item.Failure!;
            if (item.Kind != ConsumedKind.None) return item;
        }
        return default;
    }

    public override WatermarkOffsets QueryWatermarkOffsets(TopicPartition partition, TimeSpan timeout) =>
        _consumer.QueryWatermarkOffsets(partition, timeout);

    public override List<TopicPartitionOffset> OffsetsForTimes(IEnumerable<TopicPartitionTimestamp> timestamps, TimeSpan timeout) =>
        _consumer.OffsetsForTimes(timestamps, timeout);

    public override void Commit(IEnumerable<TopicPartitionOffset> offsets) => _consumer.Commit(offsets);

    public override void Dispose()
    {
        // The queue's hold on the client goes first, or closing the consumer could not free it.
        _queue.Dispose();
        _consumer.Close();
        _consumer.Dispose();
    }

    /// <summary>Pops a batch and turns each message into an item, destroying the native messages as it goes.</summary>
    private void Fill(TimeSpan timeout)
    {
        _next = 0;
        _count = 0;
        int popped = _queue.Consume(_messages, (int)Math.Clamp(Math.Ceiling(timeout.TotalMilliseconds), 0, int.MaxValue));
        _topics.NewBatch();
        int i = 0;
        try
        {
            for (; i < popped; i++)
            {
                var message = (RdKafkaMessage*)_messages[i];
                _items[i] = ToItem(message);
                Librdkafka.MessageDestroy(message);
            }
            _count = popped;
        }
        finally
        {
            // Only when a row maker threw: the messages not yet read are freed all the same.
            for (; i < popped; i++) Librdkafka.MessageDestroy((RdKafkaMessage*)_messages[i]);
        }
    }

    private Consumed<T> ToItem(RdKafkaMessage* message)
    {
        TopicPartition? partition = message->Topic == 0 ? null : _topics.Get(message->Topic, message->Partition);
        long offset = message->Offset;
        if (message->Error != 0) return ErrorItem(message, partition);
        Headers? headers = _withHeaders ? ReadHeaders(message) : null;
        string topic = partition!.Topic;
        TKey key;
        try
        {
            key = _ignoreKeys ? default! : _keys.Deserialize(message->KeyBytes, message->Key is null, new SerializationContext(MessageComponentType.Key, topic, headers));
        }
        catch (Exception e)
        {
            return BadRecord(message, partition, headers, ErrorCode.Local_KeyDeserialization, e);
        }
        TValue value;
        try
        {
            value = _values.Deserialize(message->Value, message->Payload is null, new SerializationContext(MessageComponentType.Value, topic, headers));
        }
        catch (Exception e)
        {
            return BadRecord(message, partition, headers, ErrorCode.Local_ValueDeserialization, e);
        }
        Timestamp timestamp = _withTimestamps ? ReadTimestamp(message) : default;
        return new Consumed<T>(ConsumedKind.Row, partition, offset, _toRow(key, value, new KafkaMessageFields(partition, offset, timestamp, headers)), null);
    }

    private Consumed<T> ErrorItem(RdKafkaMessage* message, TopicPartition? partition)
    {
        var code = (ErrorCode)message->Error;
        if (code == ErrorCode.Local_PartitionEOF) return new Consumed<T>(ConsumedKind.EndOfPartition, partition, message->Offset, default, null);
        var failure = new ConsumeException(RawRecord(message, partition, _withHeaders ? ReadHeaders(message) : null), ReadError(message, code));
        ConsumedKind kind = code is ErrorCode.Local_AutoOffsetReset or ErrorCode.OffsetOutOfRange ? ConsumedKind.OffsetOutOfRange : ConsumedKind.Error;
        return new Consumed<T>(kind, partition, partition is null ? -1 : message->Offset, default, failure);
    }

    /// <summary>A record that failed to deserialise, with its raw key, value and headers for the bad-record policy.</summary>
    private static Consumed<T> BadRecord(RdKafkaMessage* message, TopicPartition partition, Headers? headers, ErrorCode code, Exception e) =>
        new(ConsumedKind.BadRecord, partition, message->Offset, default,
            new ConsumeException(RawRecord(message, partition, headers ?? ReadHeaders(message)), new Error(code), e));

    /// <summary>The message as Confluent.Kafka reports it in a <see cref="ConsumeException"/>: key and value copied out.</summary>
    private static ConsumeResult<byte[], byte[]> RawRecord(RdKafkaMessage* message, TopicPartition? partition, Headers? headers) => new()
    {
        TopicPartitionOffset = new TopicPartitionOffset(partition?.Topic, new Partition(message->Partition), new Offset(message->Offset)),
        Message = new Message<byte[], byte[]>
        {
            Timestamp = ReadTimestamp(message),
            Headers = headers,
            Key = message->Key is null ? null! : message->KeyBytes.ToArray(),
            Value = message->Payload is null ? null! : message->Value.ToArray(),
        },
        IsPartitionEOF = false,
    };

    /// <summary>The error as Confluent.Kafka makes it: the message's error string, or the client's fatal error.</summary>
    private Error ReadError(RdKafkaMessage* message, ErrorCode code)
    {
        if (code != ErrorCode.Local_Fatal) return new Error(code, Marshal.PtrToStringUTF8((nint)Librdkafka.MessageErrorString(message)));
        const int size = 512;
        byte* reason = stackalloc byte[size];
        reason[0] = 0;
        var fatal = (ErrorCode)Librdkafka.FatalError(_queue.Client, reason, size);
        return new Error(fatal, Marshal.PtrToStringUTF8((nint)reason), true);
    }

    private static Timestamp ReadTimestamp(RdKafkaMessage* message)
    {
        int type;
        long unixMs = Librdkafka.MessageTimestamp(message, &type);
        return new Timestamp(unixMs, (TimestampType)type);
    }

    private static Headers ReadHeaders(RdKafkaMessage* message)
    {
        var headers = new Headers();
        nint native;
        if (Librdkafka.MessageHeaders(message, &native) != 0 || native == 0) return headers;
        for (nuint i = 0; ; i++)
        {
            byte* name;
            byte* value;
            nuint size;
            if (Librdkafka.HeaderGetAll(native, i, &name, &value, &size) != 0) return headers;
            headers.Add(Marshal.PtrToStringUTF8((nint)name)!, value is null ? null : new ReadOnlySpan<byte>(value, checked((int)size)).ToArray());
        }
    }

    /// <summary>Drops the popped items of <paramref name="partition"/>: librdkafka moved or stopped it.</summary>
    private void Drop(TopicPartition partition)
    {
        for (int i = _next; i < _count; i++)
        {
            if (partition.Equals(_items[i].Partition)) _items[i] = default;
        }
    }

    /// <summary>Which optional fields <c>dotnet.consumer.consume.result.fields</c> asks for (all by default), read as Confluent.Kafka reads it.</summary>
    private static (bool Headers, bool Timestamps) ResultFields(ConsumerConfig config)
    {
        string fields = (config.Get(KafkaSourceFactory.ConsumeResultFields) ?? "all").Replace(" ", "", StringComparison.Ordinal);
        if (fields == "all") return (true, true);
        string[] parts = fields.Split(',');
        return (parts.Contains("headers"), parts.Contains("timestamp"));
    }
}
