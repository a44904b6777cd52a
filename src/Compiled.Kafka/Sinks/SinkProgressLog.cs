using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;

namespace Compiled.Kafka;

/// <summary>
/// The exactly-once sink's progress records in partition 0 of the progress topic: key the query id, value
/// <c>{"QueryId":…,"BatchId":N,"Attempt":…}</c>. The last committed record of a query names the last batch it wrote.
/// </summary>
internal static class SinkProgressLog
{
    /// <summary>The partition progress records go to, so one scan finds them all.</summary>
    public const int Partition = 0;

    /// <summary>The progress record of batch <paramref name="batchId"/>.</summary>
    public static Message<byte[]?, byte[]> Record(Guid queryId, long batchId, Guid attempt) => new()
    {
        Key = Encoding.UTF8.GetBytes(queryId.ToString("D")),
        Value = JsonSerializer.SerializeToUtf8Bytes(new SinkProgressRecord(queryId, batchId, attempt), KafkaJsonContext.Default.SinkProgressRecord),
    };

    /// <summary>
    /// The highest batch id committed for <paramref name="queryId"/> in <paramref name="topic"/>, or -1; reads only
    /// committed records (read_committed), so an aborted or fenced transaction's record does not count.
    /// </summary>
    public static long ReadLastBatch(string bootstrapServers, IReadOnlyDictionary<string, string> settings, string topic, Guid queryId, TimeSpan timeout)
    {
        var config = KafkaSettings.Build(new ConsumerConfig(), bootstrapServers, ConsumerSettings(settings), new Dictionary<string, string>
        {
            ["group.id"] = "compiled-sink-progress-reader",
            ["enable.auto.commit"] = "false",
            ["enable.partition.eof"] = "true",
            ["isolation.level"] = "read_committed",
            ["auto.offset.reset"] = "earliest",
        });
        using IConsumer<byte[]?, byte[]?> consumer = new ConsumerBuilder<byte[]?, byte[]?>(config).SetLogHandler(static (_, _) => { }).Build();
        using (IAdminClient admin = new DependentAdminClientBuilder(consumer.Handle).Build())
        {
            TopicMetadata? metadata = admin.GetMetadata(topic, timeout).Topics.FirstOrDefault();
            // No progress topic yet: nothing was ever committed through it.
            if (metadata is null || metadata.Error.IsError || metadata.Partitions.Count == 0) return -1;
        }
        var partition = new TopicPartition(topic, Partition);
        WatermarkOffsets range = consumer.QueryWatermarkOffsets(partition, timeout);
        if (range.High.Value <= range.Low.Value) return -1;
        consumer.Assign(new TopicPartitionOffset(partition, Offset.Beginning));
        byte[] key = Encoding.UTF8.GetBytes(queryId.ToString("D"));
        long last = -1;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (clock.Elapsed > timeout)
                throw new TimeoutException($"Reading the Kafka sink's progress records from topic '{topic}' partition {Partition} took longer than {timeout}.");
            ConsumeResult<byte[]?, byte[]?>? result = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (result is null) continue;
            if (result.IsPartitionEOF) return last;
            if (result.Message.Key is null || !key.AsSpan().SequenceEqual(result.Message.Key) || result.Message.Value is null) continue;
            SinkProgressRecord? record = JsonSerializer.Deserialize(result.Message.Value, KafkaJsonContext.Default.SinkProgressRecord);
            if (record is not null && record.BatchId > last) last = record.BatchId;
        }
    }

    /// <summary>Producer-only settings are dropped so librdkafka does not warn about them on a consumer.</summary>
    private static Dictionary<string, string> ConsumerSettings(IReadOnlyDictionary<string, string> settings) =>
        settings.Where(s => s.Key is not ("acks" or "linger.ms" or "batch.size" or "compression.type" or "transaction.timeout.ms" or "message.timeout.ms"
            or "queue.buffering.max.messages" or "queue.buffering.max.kbytes" or "batch.num.messages"))
            .ToDictionary(s => s.Key, s => s.Value);
}
