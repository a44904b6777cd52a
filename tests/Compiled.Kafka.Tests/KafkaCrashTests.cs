using System.Text;
using System.Text.Json;
using Compiled.CrashHost;
using Compiled.Diagnostics;
using Compiled.Kafka.CrashHost;
using Compiled.Kafka.Testing;
using static Compiled.Kafka.Tests.KafkaTestData;

namespace Compiled.Kafka.Tests;

/// <summary>
/// Kafka → stateful query → Kafka, exactly once: the query process (tests/Compiled.Kafka.CrashHost) is killed with
/// SIGKILL at every injected crash point, at two batches each, and restarted on the same checkpoint; the output topic
/// must hold every batch's updates exactly once, as an independent reference computes them from the input.
/// </summary>
public sealed class KafkaCrashTests(MockClusterFixture cluster) : IClassFixture<MockClusterFixture>, IDisposable
{
    private const int EventCount = 240;
    private const int Partitions = 4;
    private const int MaxOffsetsPerTrigger = 80;   // 20 offsets of each partition per batch: 3 batches
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(90);

    private readonly string _checkpoint = Directory.CreateTempSubdirectory("kafka-crash-").FullName;

    public void Dispose() => Directory.Delete(_checkpoint, recursive: true);

    /// <summary>Each point with two batch ids; sink.written and state.checkpointed lie between the sink's transaction commit and commits/N.</summary>
    public static TheoryData<string, int, int> CrashCases => new()
    {
        { CrashPoints.OffsetsWritten, 0, 2 },
        { CrashPoints.SinkMidWrite, 0, 1 },
        { CrashPoints.SinkWritten, 0, 2 },
        { CrashPoints.StateMidCheckpoint, 1, 2 },
        { CrashPoints.StateCheckpointed, 0, 1 },
        { CrashPoints.CommitWritten, 1, 2 },
    };

    private static Event[] Events() =>
        Enumerable.Range(0, EventCount).Select(i => new Event(i, "k" + (i % 7), i % 13 + 1)).ToArray();

    /// <summary>
    /// The reference, from the input alone: event i sits in partition i % 4 at offset i / 4, so batch b takes the events
    /// with i / 4 in [5b, 5b + 5); its output is the running count and sum of every key it touched.
    /// </summary>
    private static List<(long Batch, KeyTotal Row)> Reference()
    {
        var totals = new Dictionary<string, (long Count, long Sum)>();
        var output = new List<(long, KeyTotal)>();
        int perPartition = MaxOffsetsPerTrigger / Partitions;
        foreach (var batch in Events().GroupBy(e => e.Id / Partitions / perPartition).OrderBy(g => g.Key))
        {
            foreach (Event e in batch)
            {
                var (count, sum) = totals.GetValueOrDefault(e.Key);
                totals[e.Key] = (count + 1, sum + e.Value);
            }
            foreach (string key in batch.Select(e => e.Key).Distinct())
                output.Add((batch.Key, new KeyTotal(key, totals[key].Count, totals[key].Sum)));
        }
        return output;
    }

    [Fact]
    public async Task WithoutACrash_TheOutputMatchesTheReference()
    {
        var topics = Prepare();
        await RunAsync(topics, crashPoint: null);
        AssertExactlyOnce(topics, expectAbortedOnMock: false);
    }

    [Theory]
    [MemberData(nameof(CrashCases))]
    public async Task KilledAtACrashPointTwice_ThenRestarted_TheOutputHoldsEveryRowExactlyOnce(string point, int firstBatch, int secondBatch)
    {
        var topics = Prepare();
        foreach (int batch in new[] { firstBatch, secondBatch })
        {
            string crash = $"{point}@{batch}:{TotalsPlan.QueryName}";
            var (exit, _, stderr) = await RunAsync(topics, crash);
            Assert.True(exit == HostExit.KilledBySigKill, $"expected a SIGKILL at {crash}, got exit code {exit}:\n{stderr}");
            Assert.Contains(CrashPoints.Marker + crash, stderr);
        }
        var (finalExit, stdout, finalErr) = await RunAsync(topics, crashPoint: null);
        Assert.True(finalExit == 0, $"the restart failed with {finalExit}:\n{finalErr}");
        Assert.Contains("finished at batch", stdout);
        // The FASTER base (state.midCheckpoint) is written in the background while the next batch runs, so that kill can
        // also land inside the sink's open transaction.
        AssertExactlyOnce(topics, expectAbortedOnMock: point is CrashPoints.SinkMidWrite or CrashPoints.StateMidCheckpoint);
    }

    [RealKafkaFact]
    public async Task RealCluster_KilledInsideTheTransaction_AReadCommittedConsumerSeesEveryRowOnce()
    {
        string bootstrap = KafkaTestEnvironment.RealBootstrapServers!;
        var topics = Prepare(bootstrap);
        string crash = $"{CrashPoints.SinkMidWrite}@3:{TotalsPlan.QueryName}";
        Assert.Equal(HostExit.KilledBySigKill, (await RunAsync(topics, crash)).ExitCode);
        Assert.Equal(0, (await RunAsync(topics, null)).ExitCode);
        // A real broker aborts the dead transaction when the restarted producer initialises: no filtering needed.
        var raw = ReadAll(bootstrap, topics.Output).Select(Parse).ToList();
        Assert.Equal(Reference().OrderBy(r => r.Batch).ThenBy(r => r.Row.Key), raw.OrderBy(r => r.Batch).ThenBy(r => r.Row.Key));
    }

    private sealed record Topics(string Bootstrap, string Input, string Output, string Progress);

    private Topics Prepare(string? bootstrap = null)
    {
        bootstrap ??= cluster.BootstrapServers;
        var topics = new Topics(bootstrap, NewTopic("in"), NewTopic("out"), NewTopic("progress"));
        Produce(bootstrap, topics.Input, Events().Select(e => JsonSerializer.Serialize(e, CrashHostJson.Default.Event)), Partitions);
        return topics;
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(Topics topics, string? crashPoint)
    {
        var process = ChildProcess.StartDotnet("Compiled.Kafka.CrashHost.dll",
            [topics.Bootstrap, topics.Input, topics.Output, topics.Progress, _checkpoint, MaxOffsetsPerTrigger.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            new Dictionary<string, string?> { [CrashPoints.VariableName] = crashPoint });
        return ChildProcess.WaitAsync(process, RunTimeout);
    }

    private static void AssertExactlyOnce(Topics topics, bool expectAbortedOnMock)
    {
        var committed = KafkaTopicReader.ReadCommitted(topics.Bootstrap, topics.Output, topics.Progress, out int aborted).Select(Parse).ToList();
        var expected = Reference();
        Assert.Equal(expected.OrderBy(r => r.Batch).ThenBy(r => r.Row.Key), committed.OrderBy(r => r.Batch).ThenBy(r => r.Row.Key));
        // The mock cluster shows a killed transaction's rows to every reader (a real broker aborts them); nothing else leaks.
        // Whether any of them reached the mock before the SIGKILL depends on the producer's linger, so none is also fine there.
        if (!expectAbortedOnMock) Assert.Equal(0, aborted);
    }

    private static (long Batch, KeyTotal Row) Parse(Confluent.Kafka.ConsumeResult<string?, string?> message)
    {
        long batch = long.Parse(Encoding.UTF8.GetString(message.Message.Headers.GetLastBytes(KafkaSink<KeyTotal>.BatchHeader)), System.Globalization.CultureInfo.InvariantCulture);
        KeyTotal row = JsonSerializer.Deserialize(message.Message.Value!, CrashHostJson.Default.KeyTotal)!;
        Assert.Equal(row.Key, message.Message.Key);
        return (batch, row);
    }

    /// <summary>Exit codes of the host.</summary>
    private static class HostExit
    {
        /// <summary>What .NET reports for a child killed by SIGKILL: 128 + 9.</summary>
        public const int KilledBySigKill = 137;
    }
}
