using Compiled.Diagnostics;
using Compiled.Kafka.Testing;

namespace Compiled.Kafka.Tests;

/// <summary>
/// samples/KafkaTrades (the generated windowed query, Kafka to Kafka, exactly once) as a process killed with SIGKILL at
/// injected crash points and restarted on the same checkpoint: the output topic, read as a read_committed reader sees it
/// (on the mock, rows of transactions that never committed are dropped by their attempt; see
/// <see cref="KafkaTopicReader"/>), holds every closed window exactly once with the reference totals in Append mode, and
/// in Update mode exactly what an uninterrupted run writes.
/// </summary>
public sealed class KafkaTradesCrashTests(MockClusterFixture cluster) : IClassFixture<MockClusterFixture>, IDisposable
{
    private const int TradeCount = 120;
    private const int MaxOffsetsPerTrigger = 20;   // 6 batches
    private readonly string _directory = Directory.CreateTempSubdirectory("kafka-trades-crash-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>Each point the query passes in every batch, crashed at two batches in turn (the second while the restart is under way).</summary>
    public static TheoryData<string, int, int> AppendCrashCases => new()
    {
        { CrashPoints.OffsetsWritten, 0, 3 },
        { CrashPoints.SinkMidWrite, 1, 4 },
        { CrashPoints.SinkWritten, 2, 5 },
        { CrashPoints.StateChangelogMidWrite, 1, 3 },
        { CrashPoints.StateCheckpointed, 0, 4 },
        { CrashPoints.CommitWritten, 2, 3 },
    };

    [Theory]
    [MemberData(nameof(AppendCrashCases))]
    public async Task KilledTwice_ThenRestarted_TheOutputTopicHoldsEachWindowExactlyOnce(string point, int firstBatch, int secondBatch)
    {
        var trades = TradeWindowsReference.Trades(TradeCount);
        var run = new KafkaTradesRun(cluster.BootstrapServers, _directory);
        var topics = await run.ProduceAsync(trades);
        await run.CrashThenFinishAsync(topics, "append", MaxOffsetsPerTrigger, $"{point}@{firstBatch}", $"{point}@{secondBatch}");

        var committed = KafkaTopicReader.ReadCommitted(cluster.BootstrapServers, topics.Output, "compiled-sink-progress", out int aborted);
        var actual = committed.Select(m => (Key: m.Message.Key!, Value: m.Message.Value!)).OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        Assert.Equal(TradeWindowsReference.AppendOutput(trades), actual);
        // Only a crash inside a transaction can leave rows of one that never committed (the mock shows them to every reader).
        if (point != CrashPoints.SinkMidWrite) Assert.Equal(0, aborted);
    }

    /// <summary>Two crashes per case; the last case dies again while recovering the state of the batch the first one committed.</summary>
    public static TheoryData<string, string> UpdateCrashCases => new()
    {
        { CrashPoints.OffsetsWritten + "@1", CrashPoints.SinkMidWrite + "@3" },
        { CrashPoints.SinkWritten + "@2", CrashPoints.CommitWritten + "@4" },
        { CrashPoints.StateChangelogMidWrite + "@1", CrashPoints.StateCheckpointed + "@3" },
        { CrashPoints.CommitWritten + "@2", CrashPoints.StateRecovering + "@2" },
    };

    [Theory]
    [MemberData(nameof(UpdateCrashCases))]
    public async Task UpdateMode_KilledTwice_ThenRestarted_ReadersSeeTheOutputOfAnUninterruptedRun(string firstCrash, string secondCrash)
    {
        var trades = TradeWindowsReference.Trades(TradeCount);
        var run = new KafkaTradesRun(cluster.BootstrapServers, _directory);
        var topics = await run.ProduceAsync(trades);
        var uninterrupted = topics with { Output = KafkaTestData.NewTopic("totals"), Checkpoint = Path.Combine(_directory, "uninterrupted") };
        await run.CrashThenFinishAsync(uninterrupted, "update", MaxOffsetsPerTrigger);
        await run.CrashThenFinishAsync(topics, "update", MaxOffsetsPerTrigger, firstCrash, secondCrash);

        var expected = Partitions(uninterrupted.Output);
        var actual = Partitions(topics.Output);
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (partition, rows) in expected) Assert.Equal(rows, actual[partition]);

        var lastPerWindow = actual.Values.SelectMany(rows => rows).GroupBy(r => r.Key).Select(g => (g.Key, g.Last().Value));
        Assert.Equal(TradeWindowsReference.FinalTotals(trades), lastPerWindow.OrderBy(r => r.Key, StringComparer.Ordinal).ToList());
    }

    /// <summary>The committed (key, value) rows of each partition of <paramref name="topic"/>, in offset order.</summary>
    private Dictionary<int, List<(string Key, string Value)>> Partitions(string topic) =>
        KafkaTopicReader.ReadCommitted(cluster.BootstrapServers, topic, "compiled-sink-progress", out _)
            .GroupBy(m => m.Partition.Value)
            .ToDictionary(g => g.Key, g => g.OrderBy(m => m.Offset.Value).Select(m => (Key: m.Message.Key!, Value: m.Message.Value!)).ToList());
}
