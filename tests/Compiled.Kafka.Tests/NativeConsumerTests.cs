using System.Diagnostics;
using System.Text;
using Compiled.Kafka.Native;
using Confluent.Kafka;
using static Compiled.Kafka.Tests.KafkaTestData;

namespace Compiled.Kafka.Tests;

/// <summary>
/// The source's consumer reads librdkafka's messages in place (<see cref="RdKafkaMessage"/>) in batches. A plain
/// Confluent.Kafka consumer reading the same messages is the reference: every field of every message, in each
/// partition's order, and the errors it raises.
/// </summary>
public sealed class NativeConsumerTests(MockClusterFixture cluster) : IClassFixture<MockClusterFixture>
{
    private const int Partitions = 4;

    [Fact]
    public void The_message_struct_is_librdkafkas_64_bit_layout() =>
        Assert.Equal(72, System.Runtime.CompilerServices.Unsafe.SizeOf<RdKafkaMessage>());

    [Fact]
    public void Records_read_in_batches_across_partitions_equal_what_a_plain_Confluent_consumer_reads()
    {
        string topic = NewTopic("native");
        // Several native batches (of BatchSize messages) per partition, with null and empty keys, values and headers.
        int count = KafkaNativeRowConsumer<string?, string?, KafkaRecord<string?, string?>>.BatchSize * 5 + 37;
        var epoch = new DateTime(2026, 12, 5, 9, 0, 0, DateTimeKind.Utc);
        Produce(cluster.BootstrapServers, topic, Enumerable.Range(0, count).Select(i => i % 97 == 0 ? null : i % 89 == 0 ? "" : "v" + i),
            partitions: Partitions,
            key: i => i % 3 == 0 ? null : "k" + i,
            headers: i => i % 5 == 0 ? null : new Headers { { "h", Encoding.UTF8.GetBytes("x" + i) }, { "n", i % 2 == 0 ? null : [] }, { "h", [(byte)i] } },
            timestamp: i => epoch.AddMilliseconds(i));

        List<ConsumeResult<string?, string?>> expected = ReadAll(cluster.BootstrapServers, topic, partitions: Partitions);
        List<KafkaRecord<string?, string?>> actual = ReadNative(topic);

        Assert.Equal(count, expected.Count);
        Assert.Equal(Describe(expected.Select(r => new KafkaRecord<string?, string?>(r.Message.Key, r.Message.Value, r.Topic, r.Partition.Value, r.Offset.Value,
            new DateTimeOffset(r.Message.Timestamp.UtcDateTime, TimeSpan.Zero),
            r.Message.Headers.Select(h => new KeyValuePair<string, byte[]?>(h.Key, h.GetValueBytes())).ToList()))), Describe(actual));
        Assert.Contains(actual, r => r.Key is null);
        Assert.Contains(actual, r => r.Value is null);
        Assert.Contains(actual, r => r.Headers.Any(h => h.Value is null));
    }

    [Fact]
    public void A_broker_error_is_raised_as_Confluent_raises_it_and_reading_goes_on_after_it()
    {
        string topic = NewTopic("native-error");
        Produce(cluster.BootstrapServers, topic, Values(8), partitions: Partitions);
        var start = new TopicPartitionOffset(topic, 0, Offset.Beginning);

        using var plain = new ConsumerBuilder<Ignore, string>(Config()).SetLogHandler(static (_, _) => { }).Build();
        cluster.Cluster.FailNextFetches(ErrorCode.TopicAuthorizationFailed);
        plain.Assign([start]);
        ConsumeException reference = ConsumeUntilError(() => plain.Consume(TimeSpan.FromMilliseconds(100)));

        using var native = new KafkaNativeRowConsumer<Ignore, string, string>(Config(), null, null, static (_, value, _) => value);
        cluster.Cluster.FailNextFetches(ErrorCode.TopicAuthorizationFailed);
        native.IncrementalAssign([start]);
        ConsumeException failure = ConsumeUntilError(() => native.Consume(TimeSpan.FromMilliseconds(100)));

        Assert.Equal(ErrorCode.TopicAuthorizationFailed, failure.Error.Code);
        AssertSameError(reference, failure);
        // librdkafka fetches again after the error: the partition's messages still come, in order.
        var rows = new List<string>();
        var clock = Stopwatch.StartNew();
        while (rows.Count < 2 && clock.Elapsed < KafkaTestData.Timeout)
        {
            Consumed<string> item = native.Consume(TimeSpan.FromMilliseconds(100));
            if (item.Kind == ConsumedKind.Row) rows.Add(item.Row!);
        }
        Assert.Equal(["v0", "v4"], rows);
    }

    [Fact]
    public void A_lost_position_is_reported_with_Confluents_error()
    {
        string topic = NewTopic("native-lost");
        Produce(cluster.BootstrapServers, topic, Values(4), partitions: Partitions);
        // Past the end: the broker answers offset-out-of-range, which auto.offset.reset=error turns into a consumer error.
        var beyond = new TopicPartitionOffset(topic, 0, 100);
        ConsumerConfig config = Config();
        config.AutoOffsetReset = AutoOffsetReset.Error;

        using var plain = new ConsumerBuilder<Ignore, string>(config).SetLogHandler(static (_, _) => { }).Build();
        plain.Assign([beyond]);
        ConsumeException reference = ConsumeUntilError(() => plain.Consume(TimeSpan.FromMilliseconds(100)));

        using var native = new KafkaNativeRowConsumer<Ignore, string, string>(config, null, null, static (_, value, _) => value);
        native.IncrementalAssign([beyond]);
        Consumed<string> lost = default;
        var clock = Stopwatch.StartNew();
        while (lost.Kind != ConsumedKind.OffsetOutOfRange && clock.Elapsed < KafkaTestData.Timeout)
        {
            lost = native.Consume(TimeSpan.FromMilliseconds(100));
            Assert.True(lost.Kind is ConsumedKind.None or ConsumedKind.OffsetOutOfRange, $"unexpected {lost.Kind}");
        }

        Assert.Equal(ConsumedKind.OffsetOutOfRange, lost.Kind);
        Assert.Equal(new TopicPartition(topic, 0), lost.Partition);
        AssertSameError(reference, lost.Failure!);
    }

    private static void AssertSameError(ConsumeException reference, ConsumeException failure)
    {
        Assert.True(failure.Error.IsError);
        Assert.Equal(reference.Error.Code, failure.Error.Code);
        Assert.Equal(reference.Error.Reason, failure.Error.Reason);
        Assert.Equal(reference.Error.IsFatal, failure.Error.IsFatal);
        Assert.Equal(reference.ConsumerRecord.TopicPartitionOffset, failure.ConsumerRecord.TopicPartitionOffset);
    }

    private List<KafkaRecord<string?, string?>> ReadNative(string topic)
    {
        using var consumer = new KafkaNativeRowConsumer<string?, string?, KafkaRecord<string?, string?>>(Config(), null, null,
            static (key, value, fields) => new KafkaRecord<string?, string?>(key, value, fields.Partition.Topic, fields.Partition.Partition.Value, fields.Offset,
                new DateTimeOffset(fields.Timestamp.UtcDateTime, TimeSpan.Zero),
                fields.Headers!.Select(h => new KeyValuePair<string, byte[]?>(h.Key, h.GetValueBytes())).ToList()));
        consumer.IncrementalAssign(Enumerable.Range(0, Partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var open = new HashSet<int>(Enumerable.Range(0, Partitions));
        var read = new List<KafkaRecord<string?, string?>>();
        var last = new Dictionary<int, long>();
        var clock = Stopwatch.StartNew();
        while (open.Count > 0)
        {
            Assert.True(clock.Elapsed < KafkaTestData.Timeout, $"the ends of partitions {string.Join(",", open)} were not reached within {KafkaTestData.Timeout}");
            Consumed<KafkaRecord<string?, string?>> item = consumer.Consume(TimeSpan.FromMilliseconds(100));
            switch (item.Kind)
            {
                case ConsumedKind.Row:
                    Assert.Equal(item.Row!.Offset, item.Offset);
                    Assert.Equal(item.Row.Partition, item.Partition!.Partition.Value);
                    Assert.True(item.Offset > last.GetValueOrDefault(item.Row.Partition, -1), "each partition's messages come in offset order");
                    last[item.Row.Partition] = item.Offset;
                    read.Add(item.Row);
                    break;
                case ConsumedKind.EndOfPartition:
                    open.Remove(item.Partition!.Partition.Value);
                    break;
                case ConsumedKind.None:
                    break;
                default:
                    Assert.Fail($"unexpected {item.Kind} at {item.Partition} offset {item.Offset}: {item.Failure}");
                    break;
            }
        }
        return read;
    }

    private ConsumerConfig Config() => new()
    {
        BootstrapServers = cluster.BootstrapServers,
        GroupId = "native-test",
        EnablePartitionEof = true,
        EnableAutoCommit = false,
    };

    private static ConsumeException ConsumeUntilError(Action consume)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < KafkaTestData.Timeout)
        {
            try
            {
                consume();
            }
            catch (ConsumeException e)
            {
                return e;
            }
        }
        throw new TimeoutException($"no consumer error within {KafkaTestData.Timeout}");
    }

    /// <summary>Each record on a line, per partition in offset order (partitions interleave differently per read).</summary>
    private static string[] Describe(IEnumerable<KafkaRecord<string?, string?>> records) =>
        records.OrderBy(r => r.Partition).ThenBy(r => r.Offset)
            .Select(r => $"{r.Topic}/{r.Partition}@{r.Offset} key={r.Key ?? "(null)"} value={r.Value ?? "(null)"} ts={r.Timestamp:O} headers=" +
                string.Join(";", r.Headers.Select(h => h.Key + "=" + (h.Value is null ? "(null)" : Convert.ToHexString(h.Value)))))
            .ToArray();
}
