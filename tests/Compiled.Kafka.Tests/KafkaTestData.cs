using System.Diagnostics;
using Confluent.Kafka;

namespace Compiled.Kafka.Tests;

/// <summary>Produces test messages and reads topics back with plain Confluent.Kafka clients, independent of the code under test.</summary>
internal static class KafkaTestData
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>A topic name no other test uses.</summary>
    public static string NewTopic(string prefix = "t") => $"{prefix}-{Guid.NewGuid():N}";

    /// <summary>Produces <paramref name="values"/> to <paramref name="topic"/>, round-robin over <paramref name="partitions"/> partitions (or to one partition), and waits for every acknowledgement.</summary>
    public static void Produce(string bootstrap, string topic, IEnumerable<string?> values, int partitions = 4, int? partition = null,
        Func<int, string?>? key = null, Func<int, Headers?>? headers = null, Func<int, DateTime>? timestamp = null)
    {
        using var producer = new ProducerBuilder<string?, string?>(new ProducerConfig { BootstrapServers = bootstrap, EnableIdempotence = true, LingerMs = 2 })
            .SetLogHandler(static (_, _) => { }).Build();
        int i = 0;
        string? failure = null;
        foreach (string? value in values)
        {
            var message = new Message<string?, string?> { Key = key?.Invoke(i), Value = value, Headers = headers?.Invoke(i) };
            if (timestamp is not null) message.Timestamp = new Timestamp(timestamp(i), TimestampType.CreateTime);
            producer.Produce(new TopicPartition(topic, partition ?? i % partitions), message, r => { if (r.Error.IsError) failure ??= r.Error.Reason; });
            i++;
        }
        Assert.Equal(0, producer.Flush(Timeout));
        Assert.Null(failure);
    }

    /// <summary>Every message of <paramref name="topic"/> (4 partitions) from the beginning to the end, read_committed unless told otherwise.</summary>
    public static List<ConsumeResult<string?, string?>> ReadAll(string bootstrap, string topic, bool readCommitted = true, int partitions = 4)
    {
        using var consumer = new ConsumerBuilder<string?, string?>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = "test-reader",
            EnablePartitionEof = true,
            IsolationLevel = readCommitted ? IsolationLevel.ReadCommitted : IsolationLevel.ReadUncommitted,
        }).SetLogHandler(static (_, _) => { }).Build();
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var open = new HashSet<int>(Enumerable.Range(0, partitions));
        var read = new List<ConsumeResult<string?, string?>>();
        var clock = Stopwatch.StartNew();
        while (open.Count > 0)
        {
            Assert.True(clock.Elapsed < Timeout, $"reading {topic} did not reach the end of partitions {string.Join(",", open)} within {Timeout}");
            ConsumeResult<string?, string?>? r = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (r is null) continue;
            if (r.IsPartitionEOF) open.Remove(r.Partition.Value);
            else read.Add(r);
        }
        return read;
    }

    /// <summary>Values <c>v0</c>…<c>v{count-1}</c>, with an optional prefix.</summary>
    public static string[] Values(int count, string prefix = "v") => Enumerable.Range(0, count).Select(i => prefix + i).ToArray();
}
