using Compiled.Sources;
using Confluent.Kafka;
using static Compiled.Kafka.Tests.KafkaTestData;

namespace Compiled.Kafka.Tests;

/// <summary>
/// Each batch used to take about 500 ms against the mock cluster: the source paused every partition at a batch's end
/// and resumed it at the next, and librdkafka answers a resume by dropping what it prefetched and fetching again once
/// its outstanding long-poll fetch returns (<c>fetch.wait.max.ms</c>, 500 ms); the planner's offset lookups queued
/// behind that same fetch. These tests count the calls that cause it instead of timing batches.
/// </summary>
public sealed class KafkaSourceLatencyTests(MockClusterFixture cluster) : IClassFixture<MockClusterFixture>, IDisposable
{
    private readonly string _checkpoint = Directory.CreateTempSubdirectory("kafka-latency-").FullName;
    private readonly List<RecordingConsumer<string>> _consumers = [];
    private readonly List<ConsumerConfig> _configs = [];

    public void Dispose() => Directory.Delete(_checkpoint, recursive: true);

    private KafkaSource<string> Recorded(string topic, Dictionary<string, string>? settings = null) => new(
        new KafkaSourceOptions
        {
            BootstrapServers = cluster.BootstrapServers,
            Subscribe = [topic],
            StartingOffsets = KafkaStartingOffsets.Earliest,
            MaxOffsetsPerTrigger = 40,
            Settings = settings ?? [],
        },
        config =>
        {
            _configs.Add(config);
            var consumer = new RecordingConsumer<string>(new KafkaNativeRowConsumer<Ignore, string, string>(config, null, Deserializers.Utf8, static (_, value, _) => value));
            _consumers.Add(consumer);
            return consumer;
        });

    [Fact]
    public void ConsecutiveBatches_NeitherRestartTheFetchNorLookUpOffsetsOnTheReadingConsumer()
    {
        string topic = NewTopic();
        Produce(cluster.BootstrapServers, topic, Values(400));
        using var source = new SourceHarness<string>(Recorded(topic), _checkpoint);
        RecordingConsumer<string> reader = _consumers[0];

        var all = new List<string>(source.Next()!.Value.Rows);
        Assert.Equal(1, reader.FetchRestarts);  // the first batch assigns the four partitions
        int batches = 1;
        while (source.Next() is { } batch)
        {
            all.AddRange(batch.Rows);
            batches++;
        }

        Assert.Equal(10, batches);
        Assert.Equal(Values(400).Order(), all.Order());
        Assert.Equal(1, reader.FetchRestarts);
        Assert.Equal(0, reader.OffsetLookups);
        Assert.True(_consumers[1].OffsetLookups > 0, "the planner looks offsets up through its own client");
    }

    [Theory]
    [InlineData(null, "10")]
    [InlineData("250", "250")]
    public void TheFetchQueueBackoff_IsShortUnlessTheUserSetsIt(string? userValue, string expected)
    {
        string topic = NewTopic();
        Produce(cluster.BootstrapServers, topic, Values(8));
        using var harness = new SourceHarness<string>(
            Recorded(topic, userValue is null ? null : new() { ["fetch.queue.backoff.ms"] = userValue }), _checkpoint);

        Assert.Equal(Values(8).Order(), harness.Next()!.Value.Rows.Order());
        Assert.NotEmpty(_configs);
        Assert.All(_configs, config => Assert.Equal(expected, config.Get("fetch.queue.backoff.ms")));
    }

    [Fact]
    public void AReplayOfAnEarlierRange_SeeksAndReadsTheSameRows()
    {
        string topic = NewTopic();
        Produce(cluster.BootstrapServers, topic, Values(200));
        using var source = new SourceHarness<string>(Recorded(topic), _checkpoint);
        var first = source.Next()!.Value;
        SourceOffset afterFirst = first.End;
        var second = source.Next()!.Value;
        int restarts = _consumers[0].FetchRestarts;

        Assert.Equal(second.Rows, source.ReadRange(afterFirst, second.End));
        Assert.True(_consumers[0].FetchRestarts > restarts, "a replay moves the consumer back");
        // Reading on after the replay continues where the replay ended.
        var third = source.Next()!.Value;
        Assert.Equal(40, third.Rows.Count);
        Assert.Empty(third.Rows.Intersect(first.Rows.Concat(second.Rows)));
    }
}
