using System.Diagnostics;
using Confluent.Kafka;
using Confluent.Kafka.Admin;

namespace Compiled.Kafka.Tests;

/// <summary>
/// Produces keyed, per-key numbered messages with an idempotent producer, reads them back with a
/// separate consumer, and checks them against the producer's own delivery reports: every message
/// arrives exactly once, at the partition and offset it was acknowledged at, in order per partition.
/// </summary>
/// <remarks>Every wait is bounded by <see cref="Timeout"/>, so a broken cluster fails the test instead of hanging it.</remarks>
internal static class RoundTrip
{
    /// <summary>Partitions of the test topic: what the mock cluster gives an auto-created topic.</summary>
    public const int Partitions = 4;

    private const int KeyCount = 50;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Runs the round trip on a new topic of the cluster at <paramref name="bootstrapServers"/>.</summary>
    /// <param name="messageCount">Messages to produce.</param>
    /// <param name="createTopic">Create the topic through the admin API (real clusters) instead of relying on auto-creation (the mock).</param>
    public static void Run(string bootstrapServers, int messageCount, bool createTopic)
    {
        string topic = $"compiled-smoke-{Guid.NewGuid():N}";
        if (createTopic)
        {
            CreateTopic(bootstrapServers, topic);
        }
        TopicPartitionOffset[] acknowledged = Produce(bootstrapServers, topic, messageCount);
        ConsumeRecord[] consumed = Consume(bootstrapServers, topic, messageCount);
        Verify(acknowledged, consumed, messageCount);
    }

    /// <summary>Message i carries key <c>k{i % KeyCount}</c> and, as value, its sequence number within that key.</summary>
    private static string KeyOf(int i) => $"k{i % KeyCount:D2}";

    private static int SequenceOf(int i) => i / KeyCount;

    private static void CreateTopic(string bootstrapServers, string topic)
    {
        using IAdminClient admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
        var spec = new TopicSpecification { Name = topic, NumPartitions = Partitions, ReplicationFactor = -1 };
        Task created = admin.CreateTopicsAsync([spec], new CreateTopicsOptions { OperationTimeout = Timeout, RequestTimeout = Timeout });
        Assert.True(created.Wait(Timeout), $"creating topic {topic} took longer than {Timeout}");
    }

    private static TopicPartitionOffset[] Produce(string bootstrapServers, string topic, int messageCount)
    {
        var config = new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = 5,
            MessageTimeoutMs = (int)Timeout.TotalMilliseconds,
        };
        var acknowledged = new TopicPartitionOffset[messageCount];
        var failures = new List<string>();
        using (IProducer<string, int> producer = new ProducerBuilder<string, int>(config).Build())
        {
            for (int i = 0; i < messageCount; i++)
            {
                int index = i;
                producer.Produce(topic, new Message<string, int> { Key = KeyOf(i), Value = SequenceOf(i) }, report =>
                {
                    // Delivery reports arrive on the producer's poll thread, one at a time.
                    if (report.Error.IsError || report.Status != PersistenceStatus.Persisted)
                    {
                        failures.Add($"message {index}: {report.Status} {report.Error.Reason}");
                    }
                    acknowledged[index] = report.TopicPartitionOffset;
                });
            }
            int pending = producer.Flush(Timeout);
            Assert.True(pending == 0, $"{pending} of {messageCount} messages still unacknowledged after {Timeout}");
        }
        Assert.True(failures.Count == 0, "delivery failed: " + string.Join("; ", failures.Take(5)));
        return acknowledged;
    }

    private static ConsumeRecord[] Consume(string bootstrapServers, string topic, int messageCount)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"{topic}-reader",
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
        };
        using IConsumer<string, int> consumer = new ConsumerBuilder<string, int>(config).Build();
        using IAdminClient admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        TopicMetadata metadata = admin.GetMetadata(topic, Timeout).Topics.Single();
        Assert.True(metadata.Error.Code == ErrorCode.NoError, $"topic {topic}: {metadata.Error.Reason}");
        Assert.Equal(Partitions, metadata.Partitions.Count);

        // Assign rather than subscribe: no group rebalance to wait for, as in Compiled's Kafka source,
        // which keeps offsets in its checkpoint.
        consumer.Assign(metadata.Partitions.Select(p => new TopicPartitionOffset(topic, p.PartitionId, Offset.Beginning)));
        var consumed = new List<ConsumeRecord>(messageCount);
        var clock = Stopwatch.StartNew();
        while (consumed.Count < messageCount && clock.Elapsed < Timeout)
        {
            ConsumeResult<string, int>? result = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (result is not null)
            {
                consumed.Add(new ConsumeRecord(result.Partition.Value, result.Offset.Value, result.Message.Key, result.Message.Value));
            }
        }
        Assert.True(consumed.Count == messageCount, $"consumed {consumed.Count} of {messageCount} messages within {Timeout}");

        // Nothing beyond what was produced: the partitions hold exactly messageCount messages.
        long stored = metadata.Partitions.Sum(p =>
        {
            WatermarkOffsets w = consumer.QueryWatermarkOffsets(new TopicPartition(topic, p.PartitionId), Timeout);
            return w.High.Value - w.Low.Value;
        });
        Assert.Equal(messageCount, stored);
        return [.. consumed];
    }

    private static void Verify(TopicPartitionOffset[] acknowledged, ConsumeRecord[] consumed, int messageCount)
    {
        // Reference: what the producer's delivery reports say sits at each (partition, offset).
        var expected = new Dictionary<(int Partition, long Offset), (string Key, int Sequence)>(messageCount);
        for (int i = 0; i < messageCount; i++)
        {
            TopicPartitionOffset at = acknowledged[i];
            Assert.True(expected.TryAdd((at.Partition.Value, at.Offset.Value), (KeyOf(i), SequenceOf(i))),
                $"two messages acknowledged at partition {at.Partition.Value} offset {at.Offset.Value}");
        }

        var lastOffset = new Dictionary<int, long>();
        var nextSequence = new Dictionary<string, int>();
        var partitionOfKey = new Dictionary<string, int>();
        foreach (ConsumeRecord r in consumed)
        {
            Assert.True(expected.Remove((r.Partition, r.Offset), out var sent),
                $"partition {r.Partition} offset {r.Offset} consumed twice or never acknowledged");
            Assert.Equal(sent, (r.Key, r.Sequence));
            Assert.True(r.Offset > lastOffset.GetValueOrDefault(r.Partition, -1),
                $"partition {r.Partition}: offset {r.Offset} after {lastOffset.GetValueOrDefault(r.Partition, -1)}");
            lastOffset[r.Partition] = r.Offset;
            int keyPartition = partitionOfKey.GetValueOrDefault(r.Key, r.Partition);
            Assert.True(keyPartition == r.Partition, $"key {r.Key} found in partitions {keyPartition} and {r.Partition}");
            partitionOfKey[r.Key] = r.Partition;
            int due = nextSequence.GetValueOrDefault(r.Key);
            Assert.True(due == r.Sequence, $"key {r.Key}: sequence {r.Sequence} where {due} was due");
            nextSequence[r.Key] = r.Sequence + 1;
        }
        Assert.Empty(expected);
        Assert.Equal(KeyCount, nextSequence.Count);
        Assert.True(lastOffset.Count > 1, "all keys landed in one partition: the test would not see cross-partition order");
    }

    private readonly record struct ConsumeRecord(int Partition, long Offset, string Key, int Sequence);
}
