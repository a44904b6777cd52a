using System.Globalization;
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
        var start = new DateTime(2026, 3, 1, 10, 0, 0, DateTimeKind.Utc);
        var trades = Enumerable.Range(0, 60)
            .Select(i => (Time: start.AddMinutes(i * 3 + i % 2), Type: i % 3 == 0 ? "SELL" : "BUY", Amount: i + 1))
            .ToArray();
        string file = Path.Combine(_directory, "trades.jsonl");
        File.WriteAllLines(file, trades.Select(t =>
            $"{{\"CreatedTime\":\"{t.Time:yyyy-MM-dd HH:mm:ss}\",\"Type\":\"{t.Type}\",\"Amount\":{t.Amount},\"BrokerCode\":\"B{t.Amount % 4}\"}}"));
        string input = NewTopic("trades"), output = NewTopic("totals");

        var produced = await RunAsync("--bootstrap", cluster.BootstrapServers, "--input-topic", input, "--produce", file);
        Assert.Contains("wrote 60 trades", produced);
        await RunAsync("--bootstrap", cluster.BootstrapServers, "--input-topic", input, "--output-topic", output,
            "--checkpoint", Path.Combine(_directory, "checkpoint"), "--trigger", "available-now", "--mode", "append", "--max-offsets-per-trigger", "25");

        // Reference: 15-minute windows; append emits those whose end is at or before the watermark (max time - 30 min).
        DateTime watermark = trades.Max(t => t.Time).AddMinutes(-30);
        var expected = trades
            .GroupBy(t => new DateTime(t.Time.Ticks / TimeSpan.FromMinutes(15).Ticks * TimeSpan.FromMinutes(15).Ticks, DateTimeKind.Utc))
            .Where(g => g.Key.AddMinutes(15) <= watermark)
            .Select(g => (Key: g.Key.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                Value: $"{{\"Start\":\"{g.Key:yyyy-MM-dd HH:mm:ss}\",\"End\":\"{g.Key.AddMinutes(15):yyyy-MM-dd HH:mm:ss}\"," +
                       $"\"TotalBuy\":{g.Where(t => t.Type == "BUY").Sum(t => t.Amount)},\"TotalSell\":{g.Where(t => t.Type == "SELL").Sum(t => t.Amount)}}}"))
            .OrderBy(r => r.Key);
        var actual = ReadAll(cluster.BootstrapServers, output).Select(m => (Key: m.Message.Key!, Value: m.Message.Value!)).OrderBy(r => r.Key);
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
