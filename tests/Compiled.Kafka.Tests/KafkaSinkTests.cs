using System.Text.Json;
using Compiled.Kafka.Testing;
using Compiled.Sinks;
using Microsoft.Extensions.Logging.Abstractions;
using static Compiled.Kafka.Tests.KafkaTestData;

namespace Compiled.Kafka.Tests;

/// <summary>The Kafka sink in both delivery modes against the librdkafka mock cluster, read back by a plain read_committed consumer.</summary>
public sealed class KafkaSinkTests(MockClusterFixture cluster) : IClassFixture<MockClusterFixture>
{
    private KafkaSinkOptions<TestRow> Options(string topic, KafkaDelivery delivery = KafkaDelivery.ExactlyOnce) => new()
    {
        BootstrapServers = cluster.BootstrapServers,
        Topic = topic,
        KeySelector = r => r.Id,
        Delivery = delivery,
        ProgressTopic = NewTopic("progress"),
    };

    private static KafkaSink<TestRow> Open(KafkaSinkOptions<TestRow> options, Guid queryId)
    {
        var sink = Sink.Kafka(options, TestJson.Default.TestRow);
        sink.Open(new SinkContext(queryId, "sink-test", OutputMode.Append, Path.GetTempPath(), NullLogger.Instance));
        return sink;
    }

    private static TestRow[] Rows(long batch, int count) =>
        Enumerable.Range(0, count).Select(i => new TestRow($"b{batch}-{i}", i)).ToArray();

    private List<TestRow> ReadRows(string topic) =>
        ReadAll(cluster.BootstrapServers, topic).Select(m => JsonSerializer.Deserialize(m.Message.Value!, TestJson.Default.TestRow)!).ToList();

    [Fact]
    public void ExactlyOnce_AReplayedBatchIsRecognisedAfterReopening_AndNotWrittenAgain()
    {
        string topic = NewTopic();
        var options = Options(topic);
        var queryId = Guid.NewGuid();
        using (var sink = Open(options, queryId))
        {
            Assert.Equal(-1, sink.LastCommittedBatchId);
            Assert.Equal("compiled-" + queryId.ToString("N"), sink.TransactionalId);
            sink.AddBatch(0, Rows(0, 30));
            sink.AddBatch(1, Rows(1, 20));
        }
        using (var restarted = Open(options, queryId))
        {
            Assert.Equal(1, restarted.LastCommittedBatchId);
            restarted.AddBatch(1, Rows(1, 20));  // the engine replays batch 1 after a crash before commits/1
            restarted.AddBatch(2, Rows(2, 5));
        }
        var expected = Rows(0, 30).Concat(Rows(1, 20)).Concat(Rows(2, 5));
        var read = ReadAll(cluster.BootstrapServers, topic);
        Assert.Equal(expected.OrderBy(r => r.Id), read.Select(m => JsonSerializer.Deserialize(m.Message.Value!, TestJson.Default.TestRow)!).OrderBy(r => r.Id));
        Assert.All(read, m =>
        {
            string id = JsonSerializer.Deserialize(m.Message.Value!, TestJson.Default.TestRow)!.Id;
            Assert.Equal(id, m.Message.Key);
            Assert.Equal(id[1..id.IndexOf('-')], System.Text.Encoding.UTF8.GetString(m.Message.Headers.GetLastBytes(KafkaSink<TestRow>.BatchHeader)));
            Assert.Equal(queryId.ToString("D"), System.Text.Encoding.UTF8.GetString(m.Message.Headers.GetLastBytes(KafkaSink<TestRow>.QueryHeader)));
        });
        Assert.Empty(KafkaTopicReader.ReadCommitted(cluster.BootstrapServers, topic, options.ProgressTopic, out int aborted).Except(read, new OffsetComparer()));
        Assert.Equal(0, aborted);

        // Another query on the same progress topic has its own progress.
        using var other = Open(options, Guid.NewGuid());
        Assert.Equal(-1, other.LastCommittedBatchId);
    }

    [Fact]
    public void ExactlyOnce_TheTransactionalIdIsStablePerQuery_SoABrokerCanFenceAZombie()
    {
        // The mock cluster neither bumps the producer epoch nor aborts the old instance's transaction on InitTransactions,
        // so fencing itself is proven by RealCluster_ANewInstanceFencesTheOldOne; here: the id the broker fences by.
        var queryId = Guid.NewGuid();
        var options = Options(NewTopic());
        using var first = Open(options, queryId);
        using var second = Open(options, queryId);
        using var other = Open(options, Guid.NewGuid());
        Assert.Equal(first.TransactionalId, second.TransactionalId);
        Assert.NotEqual(first.TransactionalId, other.TransactionalId);
        using var custom = Open(options with { TransactionalId = "orders-to-totals" }, queryId);
        Assert.Equal("orders-to-totals", custom.TransactionalId);
    }

    [RealKafkaFact]
    public void RealCluster_ANewInstanceFencesTheOldOne_AndReadersSeeOnlyCommittedRows()
    {
        string bootstrap = Testing.KafkaTestEnvironment.RealBootstrapServers!;
        string topic = NewTopic();
        var options = Options(topic) with { BootstrapServers = bootstrap };
        var queryId = Guid.NewGuid();
        using var zombie = Open(options, queryId);
        zombie.AddBatch(0, Rows(0, 10));

        using var current = Open(options, queryId);
        Assert.Equal(0, current.LastCommittedBatchId);
        var e = Assert.Throws<InvalidOperationException>(() => zombie.AddBatch(1, Rows(1, 10)));
        Assert.Contains("fenced", e.Message);

        current.AddBatch(1, Rows(1, 7));
        var read = ReadAll(bootstrap, topic).Select(m => JsonSerializer.Deserialize(m.Message.Value!, TestJson.Default.TestRow)!);
        Assert.Equal(Rows(0, 10).Concat(Rows(1, 7)).OrderBy(r => r.Id), read.OrderBy(r => r.Id));
    }

    [Fact]
    public void ExactlyOnce_AnEmptyBatchStillRecordsProgress()
    {
        string topic = NewTopic();
        var options = Options(topic);
        var queryId = Guid.NewGuid();
        using (var sink = Open(options, queryId))
        {
            sink.AddBatch(0, []);
        }
        using var restarted = Open(options, queryId);
        Assert.Equal(0, restarted.LastCommittedBatchId);
    }

    [Fact]
    public void AtLeastOnce_WritesEveryBatch_AndAReplayWritesItAgain()
    {
        string topic = NewTopic();
        var options = Options(topic, KafkaDelivery.AtLeastOnce);
        var queryId = Guid.NewGuid();
        using (var sink = Open(options, queryId))
        {
            sink.AddBatch(0, Rows(0, 25));
            sink.AddBatch(0, Rows(0, 25));
        }
        var read = ReadRows(topic);
        Assert.Equal(50, read.Count);
        Assert.All(read.GroupBy(r => r.Id), g => Assert.Equal(2, g.Count()));
    }

    [Fact]
    public void TopicPerRow_RoutesEachRowToItsTopic()
    {
        string even = NewTopic("even");
        string odd = NewTopic("odd");
        var options = Options(even) with { Topic = null, TopicSelector = r => r.Amount % 2 == 0 ? even : odd };
        using (var sink = Open(options, Guid.NewGuid()))
        {
            sink.AddBatch(0, Rows(0, 10));
        }
        Assert.Equal(Rows(0, 10).Where(r => r.Amount % 2 == 0), ReadRows(even).OrderBy(r => r.Amount));
        Assert.Equal(Rows(0, 10).Where(r => r.Amount % 2 == 1), ReadRows(odd).OrderBy(r => r.Amount));
    }

    [Fact]
    public void InvalidOptions_AreRejectedNamingTheOption()
    {
        var noTopic = Assert.Throws<ArgumentException>(() => Sink.Kafka(Options("t") with { Topic = null }, TestJson.Default.TestRow));
        Assert.Contains("set Topic, or TopicSelector", noTopic.Message);
        var reserved = Assert.Throws<ArgumentException>(() => Sink.Kafka(Options("t") with { Settings = new Dictionary<string, string> { ["transactional.id"] = "x" } }, TestJson.Default.TestRow));
        Assert.Contains("'transactional.id'", reserved.Message);
    }

    private sealed class OffsetComparer : IEqualityComparer<Confluent.Kafka.ConsumeResult<string?, string?>>
    {
        public bool Equals(Confluent.Kafka.ConsumeResult<string?, string?>? x, Confluent.Kafka.ConsumeResult<string?, string?>? y) =>
            x!.TopicPartitionOffset == y!.TopicPartitionOffset;

        public int GetHashCode(Confluent.Kafka.ConsumeResult<string?, string?> obj) => obj.TopicPartitionOffset.GetHashCode();
    }
}
