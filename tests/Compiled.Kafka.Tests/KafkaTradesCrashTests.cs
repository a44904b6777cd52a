using System.Globalization;
using Compiled.Diagnostics;
using Compiled.Kafka.Testing;
using static Compiled.Kafka.Tests.KafkaTestData;

namespace Compiled.Kafka.Tests;

/// <summary>
/// samples/KafkaTrades (the generated windowed query, Kafka to Kafka, exactly once) as a process killed with SIGKILL at
/// injected crash points and restarted on the same checkpoint: the output topic, read as a read_committed reader sees it
/// (on the mock, rows of transactions that never committed are dropped by their attempt; see
/// <see cref="KafkaTopicReader"/>), holds every closed window exactly once with the reference totals.
/// </summary>
public sealed class KafkaTradesCrashTests(MockClusterFixture cluster) : IClassFixture<MockClusterFixture>, IDisposable
{
    private const int TradeCount = 120;
    private const int MaxOffsetsPerTrigger = 20;   // 6 batches
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private readonly string _directory = Directory.CreateTempSubdirectory("kafka-trades-crash-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>Each point the query passes in every batch, crashed at two batches in turn (the second while the restart is under way).</summary>
    public static TheoryData<string, int, int> CrashCases => new()
    {
        { CrashPoints.OffsetsWritten, 0, 3 },
        { CrashPoints.SinkMidWrite, 1, 4 },
        { CrashPoints.SinkWritten, 2, 5 },
        { CrashPoints.StateChangelogMidWrite, 1, 3 },
        { CrashPoints.StateCheckpointed, 0, 4 },
        { CrashPoints.CommitWritten, 2, 3 },
    };

    [Theory]
    [MemberData(nameof(CrashCases))]
    public async Task KilledTwice_ThenRestarted_TheOutputTopicHoldsEachWindowExactlyOnce(string point, int firstBatch, int secondBatch)
    {
        var topics = await PrepareAsync();
        foreach (int batch in new[] { firstBatch, secondBatch })
        {
            string crash = $"{point}@{batch}:KafkaTrades";
            var (exit, _, stderr) = await RunQueryAsync(topics, crash);
            Assert.True(exit == 137, $"expected a SIGKILL at {crash}, got exit code {exit}:\n{stderr}");
            Assert.Contains(CrashPoints.Marker + crash, stderr);
        }
        var (finalExit, stdout, finalErr) = await RunQueryAsync(topics, crashPoint: null);
        Assert.True(finalExit == 0, $"the restart failed with {finalExit}:\n{finalErr}");
        Assert.Contains("KafkaTrades: stopped after batch", stdout);

        var committed = KafkaTopicReader.ReadCommitted(cluster.BootstrapServers, topics.Output, "compiled-sink-progress", out int aborted);
        var actual = committed.Select(m => (Key: m.Message.Key!, Value: m.Message.Value!)).OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        Assert.Equal(TradeWindowsReference.AppendOutput(TradeWindowsReference.Trades(TradeCount)), actual);
        // Only a crash inside a transaction can leave rows of one that never committed (the mock shows them to every reader).
        if (point != CrashPoints.SinkMidWrite) Assert.Equal(0, aborted);
    }

    private sealed record Topics(string Input, string Output, string Checkpoint);

    private async Task<Topics> PrepareAsync()
    {
        string file = Path.Combine(_directory, "trades.jsonl");
        File.WriteAllLines(file, TradeWindowsReference.JsonLines(TradeWindowsReference.Trades(TradeCount)));
        var topics = new Topics(NewTopic("trades"), NewTopic("totals"), Path.Combine(_directory, "checkpoint"));
        using var process = ChildProcess.StartDotnet("KafkaTrades.dll", ["--bootstrap", cluster.BootstrapServers, "--input-topic", topics.Input, "--produce", file]);
        var (exit, stdout, stderr) = await ChildProcess.WaitAsync(process, Timeout);
        Assert.True(exit == 0, $"--produce failed with {exit}:\n{stderr}");
        Assert.Contains($"wrote {TradeCount} trades", stdout);
        return topics;
    }

    private async Task<(int ExitCode, string Stdout, string Stderr)> RunQueryAsync(Topics topics, string? crashPoint)
    {
        using var process = ChildProcess.StartDotnet("KafkaTrades.dll",
            ["--bootstrap", cluster.BootstrapServers, "--input-topic", topics.Input, "--output-topic", topics.Output, "--checkpoint", topics.Checkpoint,
             "--trigger", "available-now", "--mode", "append", "--max-offsets-per-trigger", MaxOffsetsPerTrigger.ToString(CultureInfo.InvariantCulture)],
            new Dictionary<string, string?> { [CrashPoints.VariableName] = crashPoint });
        return await ChildProcess.WaitAsync(process, Timeout);
    }
}
