using System.Text;
using Compiled.Sources;
using Compiled.Sources.Files;
using Compiled.Sources.Json;
using Confluent.Kafka;
using static Compiled.Kafka.Tests.KafkaTestData;

namespace Compiled.Kafka.Tests;

/// <summary>The Kafka source's options against the librdkafka mock cluster, driven batch by batch as the engine does.</summary>
public sealed class KafkaSourceTests(MockClusterFixture cluster) : IClassFixture<MockClusterFixture>, IDisposable
{
    private readonly string _checkpoint = Directory.CreateTempSubdirectory("kafka-source-").FullName;

    public void Dispose() => Directory.Delete(_checkpoint, recursive: true);

    private KafkaSourceOptions Options(string topic) =>
        new() { BootstrapServers = cluster.BootstrapServers, Subscribe = [topic], PartitionDiscoveryInterval = TimeSpan.Zero };

    private SourceHarness<string> Strings(KafkaSourceOptions options, IClock? clock = null, string? checkpoint = null) =>
        new(Source.Kafka(options, Deserializers.Utf8), checkpoint ?? _checkpoint, clock);

    [Fact]
    public void Subscribe_Earliest_ReadsEveryMessageOnce_AndLogsSparkShapedOffsets()
    {
        string topic = NewTopic();
        Produce(cluster.BootstrapServers, topic, Values(100));
        using var source = Strings(Options(topic) with { StartingOffsets = KafkaStartingOffsets.Earliest });

        var batch = source.Next() ?? throw new Xunit.Sdk.XunitException("no batch");
        Assert.Equal(Values(100).Order(), batch.Rows.Order());
        Assert.Equal($"{{\"{topic}\":{{\"0\":25,\"1\":25,\"2\":25,\"3\":25}}}}", batch.End.Json);
        Assert.Null(source.Next());

        // A replay of the range reads the same rows.
        Assert.Equal(batch.Rows, source.ReadRange(null, batch.End));
    }

    [Fact]
    public void Latest_StartsAfterWhatExistedAtTheFirstPlan_AndARestartKeepsThatStart()
    {
        string topic = NewTopic();
        Produce(cluster.BootstrapServers, topic, Values(10, "old"));
        using (var first = Strings(Options(topic)))
        {
            Assert.Null(first.Next());
        }
        Produce(cluster.BootstrapServers, topic, Values(7, "new"));
        // A new source instance on the same checkpoint keeps the initial position resolved by the first one.
        using var second = Strings(Options(topic));
        Assert.Equal(Values(7, "new").Order(), second.Drain().Order());
    }

    [Fact]
    public void SpecificOffsets_PerPartition_WithEarliestAndLatestMarkers()
    {
        string topic = NewTopic();
        Produce(cluster.BootstrapServers, topic, Values(40));  // 10 per partition: partition p holds v{p}, v{p+4}, …
        var starts = new Dictionary<TopicPartition, long>
        {
            [new TopicPartition(topic, 0)] = 7,
            [new TopicPartition(topic, 1)] = KafkaStartingOffsets.LatestOffset,
            [new TopicPartition(topic, 2)] = KafkaStartingOffsets.EarliestOffset,
            // partition 3 unlisted: earliest
        };
        using var source = Strings(Options(topic) with { StartingOffsets = KafkaStartingOffsets.Specific(starts) });
        string[] expected = [.. new[] { 28, 32, 36 }.Select(i => "v" + i), .. Enumerable.Range(0, 10).SelectMany(k => new[] { "v" + (4 * k + 2), "v" + (4 * k + 3) })];
        Assert.Equal(expected.Order(), source.Drain().Order());
    }

    [Fact]
    public void Assign_ReadsOnlyTheAssignedPartitions()
    {
        string topic = NewTopic();
        Produce(cluster.BootstrapServers, topic, Values(40));
        var options = new KafkaSourceOptions
        {
            BootstrapServers = cluster.BootstrapServers,
            Assign = [new TopicPartition(topic, 1), new TopicPartition(topic, 3)],
            StartingOffsets = KafkaStartingOffsets.Earliest,
        };
        using var source = Strings(options);
        var expected = Enumerable.Range(0, 40).Where(i => i % 4 is 1 or 3).Select(i => "v" + i);
        Assert.Equal(expected.Order(), source.Drain().Order());
    }

    [Fact]
    public void SubscribePattern_PicksUpTopicsCreatedWhileRunning_FromTheirEarliestOffset()
    {
        string prefix = "pat" + Guid.NewGuid().ToString("N")[..8];
        Produce(cluster.BootstrapServers, prefix + "-a", Values(8, "a"));
        Produce(cluster.BootstrapServers, "other" + prefix, Values(8, "x"));
        var options = new KafkaSourceOptions
        {
            BootstrapServers = cluster.BootstrapServers,
            SubscribePattern = prefix + "-.*",
            PartitionDiscoveryInterval = TimeSpan.Zero,
            StartingOffsets = KafkaStartingOffsets.Latest,
        };
        using var source = Strings(options);
        Assert.Null(source.Next());

        Produce(cluster.BootstrapServers, prefix + "-a", Values(3, "a-late"));
        Produce(cluster.BootstrapServers, prefix + "-b", Values(5, "b"));  // a new topic: new partitions
        var rows = source.Drain();
        Assert.Equal(Values(3, "a-late").Concat(Values(5, "b")).Order(), rows.Order());
    }

    [Fact]
    public void Subscribe_ATopicThatDoesNotExistYet_HasNoDataUntilItDoes()
    {
        string topic = NewTopic();
        using var source = Strings(Options(topic) with { StartingOffsets = KafkaStartingOffsets.Earliest });
        Assert.Null(source.Next());
        Produce(cluster.BootstrapServers, topic, Values(6));
        Assert.Equal(Values(6).Order(), source.Drain().Order());
    }

    [Fact]
    public void Timestamp_WithNoMessageAtOrAfterIt_StartsAtTheEnd()
    {
        // The mock cluster answers every offsets-for-times query with "none": only this branch can be exercised here;
        // RealCluster_StartingTimestamp covers the lookup itself against a real broker.
        string topic = NewTopic();
        Produce(cluster.BootstrapServers, topic, Values(8, "before"));
        using var source = Strings(Options(topic) with { StartingOffsets = KafkaStartingOffsets.Timestamp(DateTimeOffset.UtcNow.AddDays(1)) });
        Assert.Null(source.Next());
        Produce(cluster.BootstrapServers, topic, Values(4, "after"));
        Assert.Equal(Values(4, "after").Order(), source.Drain().Order());
    }

    [Fact]
    public void ByTimestamp_PartitionsNotListedStartAtTheirEarliestOffset()
    {
        string topic = NewTopic();
        Produce(cluster.BootstrapServers, topic, Values(8));
        var timestamps = new Dictionary<TopicPartition, DateTimeOffset> { [new TopicPartition(topic, 0)] = DateTimeOffset.UtcNow.AddDays(1) };
        using var source = Strings(Options(topic) with { StartingOffsets = KafkaStartingOffsets.ByTimestamp(timestamps) });
        Assert.Equal(new[] { "v1", "v2", "v3", "v5", "v6", "v7" }, source.Drain().Order());
    }

    [Fact]
    public void MaxOffsetsPerTrigger_SplitsTheBacklogAcrossPartitionsAndBatches()
    {
        string topic = NewTopic();
        Produce(cluster.BootstrapServers, topic, Values(100));
        using var source = Strings(Options(topic) with { StartingOffsets = KafkaStartingOffsets.Earliest, MaxOffsetsPerTrigger = 30 });
        var sizes = new List<int>();
        var remaining = new List<string>();
        var all = new List<string>();
        while (source.Next() is { } batch)
        {
            sizes.Add(batch.Rows.Count);
            remaining.Add(source.Metrics["numOffsetsRemaining"]);
            all.AddRange(batch.Rows);
        }
        // 25 per partition; 30 split four ways is 7 each (28), then 7, 7, and the rest.
        Assert.Equal(new[] { 28, 28, 28, 16 }, sizes);
        Assert.Equal(["72", "44", "16", "0"], remaining);
        Assert.Equal(Values(100).Order(), all.Order());

        // The once trigger ignores the limit.
        string other = NewTopic();
        Produce(cluster.BootstrapServers, other, Values(100));
        using var once = Strings(Options(other) with { StartingOffsets = KafkaStartingOffsets.Earliest, MaxOffsetsPerTrigger = 30 },
            checkpoint: Directory.CreateTempSubdirectory("kafka-once-").FullName);
        Assert.Equal(100, once.Next(ReadLimit.All)!.Value.Rows.Count);
    }

    [Theory]
    [InlineData(0, 100, 30, 100, 30)]
    [InlineData(0, 1, 30, 1000, 1)]     // a share below one offset is rounded up
    [InlineData(10, 60, 30, 100, 15)]   // 50 of 100 available: half of 30
    public void ProratedEnd_FollowsSparksRateLimit(long begin, long latest, long cap, long available, long expectedTake) =>
        Assert.Equal(begin + expectedTake, KafkaSource<string>.ProratedEnd(begin, latest, cap, available));

    [Fact]
    public void MinOffsetsPerTrigger_WaitsForEnoughOffsets_OrForMaxTriggerDelay()
    {
        string topic = NewTopic();
        var clock = new TestClock();
        using var source = Strings(Options(topic) with
        {
            StartingOffsets = KafkaStartingOffsets.Earliest,
            MinOffsetsPerTrigger = 20,
            MaxTriggerDelay = TimeSpan.FromMinutes(1),
        }, clock);
        Produce(cluster.BootstrapServers, topic, Values(12));
        Assert.Null(source.Next());
        clock.UtcNowMs += 30_000;
        Assert.Null(source.Next());
        Produce(cluster.BootstrapServers, topic, Values(8, "w"));  // 20 available now
        Assert.Equal(20, source.Next()!.Value.Rows.Count);

        Produce(cluster.BootstrapServers, topic, Values(5, "late"));
        Assert.Null(source.Next());
        clock.UtcNowMs += 60_001;  // the delay passed since the last batch
        Assert.Equal(Values(5, "late").Order(), source.Next()!.Value.Rows.Order());
    }

    [Fact]
    public void AvailableNow_StopsAtWhatWasThereWhenPrepared()
    {
        string topic = NewTopic();
        Produce(cluster.BootstrapServers, topic, Values(20));
        var source = Source.Kafka(Options(topic) with { StartingOffsets = KafkaStartingOffsets.Earliest, MaxOffsetsPerTrigger = 8 }, Deserializers.Utf8);
        using var harness = new SourceHarness<string>(source, _checkpoint);
        source.PrepareForAvailableNow();
        Produce(cluster.BootstrapServers, topic, Values(20, "later"));
        Assert.Equal(Values(20).Order(), harness.Drain().Order());
    }

    [Fact]
    public void FailOnDataLoss_NamesTopicPartitionAndTheDeletedRange()
    {
        string topic = NewTopic();
        Produce(cluster.BootstrapServers, topic, Values(3), partition: 0);
        using var source = Strings(Options(topic) with { StartingOffsets = KafkaStartingOffsets.Earliest, MaxOffsetsPerTrigger = 1 });
        Assert.Single(source.Next()!.Value.Rows);  // offset 0 read; 1 and 2 still to read
        long low = ForceRetention(topic);

        var e = Assert.Throws<KafkaDataLossException>(() => source.Next(ReadLimit.All));
        Assert.Equal(topic, e.Topic);
        Assert.Equal(0, e.Partition);
        Assert.Equal((1, low), (e.FromOffset, e.ToOffset));
        Assert.Contains($"'{topic}' partition 0: offsets 1 to {low - 1} (inclusive) are no longer available", e.Message);
        Assert.Contains("FailOnDataLoss = false", e.Message);
    }

    [Fact]
    public void FailOnDataLossFalse_SkipsTheDeletedOffsetsAndCountsThem()
    {
        string topic = NewTopic();
        Produce(cluster.BootstrapServers, topic, Values(3), partition: 0);
        var kafka = Source.Kafka(Options(topic) with { StartingOffsets = KafkaStartingOffsets.Earliest, FailOnDataLoss = false }, Deserializers.Utf8);
        using var source = new SourceHarness<string>(kafka, _checkpoint);
        Assert.Equal(3, source.Next()!.Value.Rows.Count);
        long low = ForceRetention(topic);
        long high = new WatermarkReader(cluster.BootstrapServers).Of(topic, 0).High.Value;

        var rows = source.Next(ReadLimit.All)!.Value.Rows;
        Assert.Equal(high - low, rows.Count);
        Assert.Equal((low - 3).ToString(System.Globalization.CultureInfo.InvariantCulture), kafka.GetMetrics()["numOffsetsLost"]);
    }

    [Fact]
    public void BadRecords_Fail_NamesTopicPartitionAndOffset()
    {
        string topic = NewTopic();
        Produce(cluster.BootstrapServers, topic, ["{\"id\":\"a\",\"amount\":1}", "not json", "{\"id\":\"c\",\"amount\":3}"], partition: 2);
        using var source = new SourceHarness<TestRow>(Source.Kafka(Options(topic) with { StartingOffsets = KafkaStartingOffsets.Earliest }, TestJson.Default.TestRow), _checkpoint);
        var e = Assert.Throws<KafkaBadRecordException>(() => source.Next());
        Assert.Equal((topic, 2, 1L), (e.Topic, e.Partition, e.Offset));
        Assert.Contains($"topic '{topic}' partition 2 at offset 1", e.Message);
    }

    [Fact]
    public void BadRecords_Skip_DropsAndCounts()
    {
        string topic = NewTopic();
        Produce(cluster.BootstrapServers, topic, ["{\"id\":\"a\",\"amount\":1}", "not json", "null", "{\"id\":\"d\",\"amount\":4}"], partition: 0);
        var kafka = Source.Kafka(Options(topic) with { StartingOffsets = KafkaStartingOffsets.Earliest, BadRecords = BadRecordPolicy.Skip }, TestJson.Default.TestRow);
        using var source = new SourceHarness<TestRow>(kafka, _checkpoint);
        Assert.Equal(new[] { new TestRow("a", 1), new TestRow("d", 4) }, source.Drain());
        Assert.Equal("2", kafka.GetMetrics()["numBadRecordsSkipped"]);
    }

    [Fact]
    public void JsonValues_AreReadByTheGeneratedReader_WithSystemTextJsonRowsAndBadRecords()
    {
        // TestRowQuery makes the generator emit TestRow's reader; both overloads take it, the metadata's and the default.
        Assert.NotNull(JsonRowReaders.Find<TestRow>());
        string topic = NewTopic();
        string[] values =
        [
            "{\"id\":\"a\",\"amount\":1}", "{\"AMOUNT\":2,\"Id\":\"b\",\"extra\":[1,{}]}", "{\"id\":\"c\",\"amount\":2147483648}",
            "{\"i\\u0064\":\"d\",\"amount\":4}", "{\"id\":null}", "{\"id\":\"f\",\"amount\":\"6\"}", "null", "[1]",
        ];
        Produce(cluster.BootstrapServers, topic, values, partition: 1);
        TestRow[] expected = [new("a", 1), new("b", 2), new("d", 4), new(null!, 0)];
        foreach (var kafka in new[]
        {
            Source.Kafka(Options(topic) with { StartingOffsets = KafkaStartingOffsets.Earliest, BadRecords = BadRecordPolicy.Skip }, TestJson.Default.TestRow),
            Source.Kafka<TestRow>(Options(topic) with { StartingOffsets = KafkaStartingOffsets.Earliest, BadRecords = BadRecordPolicy.Skip }),
        })
        {
            using var source = new SourceHarness<TestRow>(kafka, Directory.CreateDirectory(Path.Combine(_checkpoint, Guid.NewGuid().ToString("N"))).FullName);
            Assert.Equal(expected, source.Drain());
            Assert.Equal("4", kafka.GetMetrics()["numBadRecordsSkipped"]);
        }

        // Failing on the first bad record names where it is, with System.Text.Json's reason.
        using var failing = new SourceHarness<TestRow>(Source.Kafka<TestRow>(Options(topic) with { StartingOffsets = KafkaStartingOffsets.Earliest }),
            Directory.CreateDirectory(Path.Combine(_checkpoint, "fail")).FullName);
        var e = Assert.Throws<KafkaBadRecordException>(() => failing.Next());
        Assert.Equal((topic, 1, 2L), (e.Topic, e.Partition, e.Offset));
        Assert.Contains("$.amount", e.Message);
    }

    [Fact]
    public void BadRecords_Redirect_CopiesTheRawMessageToTheDeadLetterTopic()
    {
        string topic = NewTopic();
        string dead = NewTopic("dlq");
        Produce(cluster.BootstrapServers, topic, ["{\"id\":\"a\",\"amount\":1}", "{broken"], partition: 1, key: i => "k" + i);
        var kafka = Source.Kafka(Options(topic) with
        {
            StartingOffsets = KafkaStartingOffsets.Earliest,
            BadRecords = BadRecordPolicy.Redirect,
            DeadLetterTopic = dead,
        }, TestJson.Default.TestRow);
        using var source = new SourceHarness<TestRow>(kafka, _checkpoint);
        Assert.Equal(new[] { new TestRow("a", 1) }, source.Drain());
        Assert.Equal("1", kafka.GetMetrics()["numBadRecordsRedirected"]);

        var letter = Assert.Single(ReadAll(cluster.BootstrapServers, dead));
        Assert.Equal(("k1", "{broken"), (letter.Message.Key, letter.Message.Value));
        string Header(string name) => Encoding.UTF8.GetString(letter.Message.Headers.GetLastBytes(name));
        Assert.Equal(topic, Header(KafkaDeadLetters.TopicHeader));
        Assert.Equal("1", Header(KafkaDeadLetters.PartitionHeader));
        Assert.Equal("1", Header(KafkaDeadLetters.OffsetHeader));
        Assert.False(string.IsNullOrEmpty(Header(KafkaDeadLetters.ReasonHeader)));
    }

    [Fact]
    public void KafkaRecords_CarryKeyValueTopicPartitionOffsetTimestampAndHeaders()
    {
        string topic = NewTopic();
        var time = new DateTime(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);
        Produce(cluster.BootstrapServers, topic, ["x", "y"], partition: 3, key: i => "key" + i,
            headers: i => new Headers { { "h", Encoding.UTF8.GetBytes("hv" + i) }, { "h", null } }, timestamp: i => time.AddSeconds(i));
        var kafka = Source.KafkaRecords<string, string>(Options(topic) with { StartingOffsets = KafkaStartingOffsets.Earliest });
        using var source = new SourceHarness<KafkaRecord<string, string>>(kafka, _checkpoint);
        var records = source.Drain();
        Assert.Equal(2, records.Count);
        for (int i = 0; i < 2; i++)
        {
            var r = records[i];
            Assert.Equal(("key" + i, i == 0 ? "x" : "y", topic, 3, (long)i), (r.Key, r.Value, r.Topic, r.Partition, r.Offset));
            Assert.Equal(new DateTimeOffset(time.AddSeconds(i)), r.Timestamp);
            Assert.Equal(2, r.Headers.Count);
            Assert.Equal(("h", "hv" + i), (r.Headers[0].Key, Encoding.UTF8.GetString(r.Headers[0].Value!)));
            Assert.Null(r.Headers[1].Value);
        }
    }

    [Fact]
    public void CommitOffsetsToGroup_CommitsEachBatchEnd_ButTheCheckpointStaysTheTruth()
    {
        string topic = NewTopic();
        string group = "monitor-" + Guid.NewGuid().ToString("N");
        Produce(cluster.BootstrapServers, topic, Values(12));
        var options = Options(topic) with { StartingOffsets = KafkaStartingOffsets.Earliest, CommitOffsetsToGroup = true, GroupId = group };
        using (var source = Strings(options))
        {
            Assert.Equal(12, source.Drain().Count);
        }
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = cluster.BootstrapServers, GroupId = group }).Build();
        var committed = consumer.Committed(Enumerable.Range(0, 4).Select(p => new TopicPartition(topic, p)), KafkaTestData.Timeout);
        Assert.All(committed, c => Assert.Equal(3, c.Offset.Value));

        // A new checkpoint starts from its own starting offsets, not from the group.
        using var fresh = Strings(options, checkpoint: Directory.CreateTempSubdirectory("kafka-fresh-").FullName);
        Assert.Equal(12, fresh.Drain().Count);
    }

    [Fact]
    public void Settings_PassThroughToLibrdkafka_AndReservedOnesAreRejected()
    {
        string topic = NewTopic();
        Produce(cluster.BootstrapServers, topic, Values(4));
        var options = Options(topic) with
        {
            StartingOffsets = KafkaStartingOffsets.Earliest,
            Settings = new Dictionary<string, string> { ["client.id"] = "compiled-test", ["fetch.wait.max.ms"] = "10", ["isolation.level"] = "read_uncommitted" },
        };
        using (var source = Strings(options))
        {
            Assert.Equal(4, source.Drain().Count);
        }

        var reserved = Assert.Throws<ArgumentException>(() => Source.Kafka(options with { Settings = new Dictionary<string, string> { ["group.id"] = "g" } }, Deserializers.Utf8));
        Assert.Contains("'group.id'", reserved.Message);
        var unknown = Assert.ThrowsAny<Exception>(() => Strings(options with { Settings = new Dictionary<string, string> { ["no.such.setting"] = "1" } },
            checkpoint: Directory.CreateTempSubdirectory("kafka-bad-").FullName));
        Assert.Contains("no.such.setting", unknown.Message);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("two")]
    [InlineData("pattern")]
    [InlineData("max")]
    [InlineData("redirect")]
    public void InvalidOptions_AreRejectedNamingTheOption(string problem)
    {
        var baseOptions = new KafkaSourceOptions { BootstrapServers = "localhost:9092", Subscribe = ["t"] };
        (KafkaSourceOptions options, string expected) = problem switch
        {
            "none" => (baseOptions with { Subscribe = null }, "exactly one of Subscribe, SubscribePattern and Assign"),
            "two" => (baseOptions with { SubscribePattern = "t.*" }, "exactly one of Subscribe, SubscribePattern and Assign"),
            "pattern" => (baseOptions with { Subscribe = null, SubscribePattern = "(" }, "SubscribePattern '('"),
            "max" => (baseOptions with { MaxOffsetsPerTrigger = 10, MinOffsetsPerTrigger = 20 }, "MinOffsetsPerTrigger (20) is larger than MaxOffsetsPerTrigger (10)"),
            _ => (baseOptions with { BadRecords = BadRecordPolicy.Redirect }, "DeadLetterTopic"),
        };
        var e = Assert.ThrowsAny<ArgumentException>(() => Source.Kafka(options, Deserializers.Utf8));
        Assert.Contains(expected, e.Message);
    }

    /// <summary>Fills partition 0 until the mock cluster's retention deletes its oldest messages; returns the new low watermark.</summary>
    private long ForceRetention(string topic)
    {
        var reader = new WatermarkReader(cluster.BootstrapServers);
        string big = new('x', 4000);
        for (int round = 0; round < 20; round++)
        {
            Produce(cluster.BootstrapServers, topic, Enumerable.Repeat(big, 500), partition: 0);
            long low = reader.Of(topic, 0).Low.Value;
            if (low > 0) return low;
        }
        throw new Xunit.Sdk.XunitException("the mock cluster never deleted old messages");
    }

    /// <summary>Reads a partition's watermarks with a plain consumer.</summary>
    private sealed class WatermarkReader(string bootstrap)
    {
        public WatermarkOffsets Of(string topic, int partition)
        {
            using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = bootstrap, GroupId = "wm" }).Build();
            return consumer.QueryWatermarkOffsets(new TopicPartition(topic, partition), KafkaTestData.Timeout);
        }
    }
}
