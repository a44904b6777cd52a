using Compiled.Kafka.Testing;
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
    public static List<ConsumeResult<string?, string?>> ReadAll(string bootstrap, string topic, bool readCommitted = true, int partitions = 4) =>
        KafkaTopicReader.ReadAll(bootstrap, topic, readCommitted, partitions);

    /// <summary>Values <c>v0</c>…<c>v{count-1}</c>, with an optional prefix.</summary>
    public static string[] Values(int count, string prefix = "v") => Enumerable.Range(0, count).Select(i => prefix + i).ToArray();
}
