using static Compiled.Kafka.Tests.KafkaTestData;

namespace Compiled.Kafka.Tests;

/// <summary>samples/KafkaTrades as processes against the mock cluster: --produce, then the query in append mode.</summary>
public sealed class KafkaTradesSampleTests(MockClusterFixture cluster) : IClassFixture<MockClusterFixture>, IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private readonly string _directory = Directory.CreateTempSubdirectory("kafka-trades-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task AppendMode_WritesEachClosedWindowOnce_KeyedByStart()
    {
        var trades = TradeWindowsReference.Trades(60);
        string file = Path.Combine(_directory, "trades.jsonl");
        File.WriteAllLines(file, TradeWindowsReference.JsonLines(trades));
        string input = NewTopic("trades"), output = NewTopic("totals");

        var produced = await RunAsync("--bootstrap", cluster.BootstrapServers, "--input-topic", input, "--produce", file);
        Assert.Contains("wrote 60 trades", produced);
        await RunAsync("--bootstrap", cluster.BootstrapServers, "--input-topic", input, "--output-topic", output,
            "--checkpoint", Path.Combine(_directory, "checkpoint"), "--trigger", "available-now", "--mode", "append", "--max-offsets-per-trigger", "25");

        var expected = TradeWindowsReference.AppendOutput(trades);
        var actual = ReadAll(cluster.BootstrapServers, output).Select(m => (Key: m.Message.Key!, Value: m.Message.Value!)).OrderBy(r => r.Key, StringComparer.Ordinal);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task RejectsABadOptionNamingIt()
    {
        using var process = ChildProcess.StartDotnet("KafkaTrades.dll", ["--bootstrap", "x:1", "--mode", "complete"]);
        var (exit, _, stderr) = await ChildProcess.WaitAsync(process, Timeout);
        Assert.Equal(2, exit);
        Assert.Contains("--mode: 'complete' is not update or append", stderr);
    }

    private static async Task<string> RunAsync(params string[] args)
    {
        using var process = ChildProcess.StartDotnet("KafkaTrades.dll", args);
        var (exit, stdout, stderr) = await ChildProcess.WaitAsync(process, Timeout);
        Assert.True(exit == 0, $"KafkaTrades {string.Join(' ', args)} exited with {exit}:\n{stderr}");
        return stdout;
    }
}
