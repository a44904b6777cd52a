using System.Globalization;
using Compiled.Diagnostics;
using static Compiled.Kafka.Tests.KafkaTestData;

namespace Compiled.Kafka.Tests;

/// <summary>
/// samples/KafkaTrades as a child process on the test's mock cluster: its trades produced with <c>--produce</c>, then the
/// query run available-now on a checkpoint, optionally with a crash point armed.
/// </summary>
internal sealed class KafkaTradesRun(string bootstrap, string directory)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    /// <summary>An input topic holding the trades, an output topic and a checkpoint directory of one run.</summary>
    public sealed record Topics(string Input, string Output, string Checkpoint);

    /// <summary>Writes <paramref name="trades"/> to a new input topic through the sample's <c>--produce</c>.</summary>
    public async Task<Topics> ProduceAsync((DateTime Time, string Type, int Amount)[] trades)
    {
        string file = Path.Combine(directory, "trades.jsonl");
        File.WriteAllLines(file, TradeWindowsReference.JsonLines(trades));
        var topics = new Topics(NewTopic("trades"), NewTopic("totals"), Path.Combine(directory, "checkpoint"));
        using var process = ChildProcess.StartDotnet("KafkaTrades.dll", ["--bootstrap", bootstrap, "--input-topic", topics.Input, "--produce", file]);
        var (exit, stdout, stderr) = await ChildProcess.WaitAsync(process, Timeout);
        Assert.True(exit == 0, $"--produce failed with {exit}:\n{stderr}");
        Assert.Contains($"wrote {trades.Length} trades", stdout);
        return topics;
    }

    /// <summary>Runs the query in <paramref name="mode"/> until the input is consumed, or until <paramref name="crashPoint"/> kills it.</summary>
    public async Task<(int ExitCode, string Stdout, string Stderr)> QueryAsync(Topics topics, string mode, int maxOffsetsPerTrigger, string? crashPoint)
    {
        using var process = ChildProcess.StartDotnet("KafkaTrades.dll",
            ["--bootstrap", bootstrap, "--input-topic", topics.Input, "--output-topic", topics.Output, "--checkpoint", topics.Checkpoint,
             "--trigger", "available-now", "--mode", mode, "--max-offsets-per-trigger", maxOffsetsPerTrigger.ToString(CultureInfo.InvariantCulture)],
            new Dictionary<string, string?> { [CrashPoints.VariableName] = crashPoint });
        return await ChildProcess.WaitAsync(process, Timeout);
    }

    /// <summary>Runs the query killed at each of <paramref name="crashes"/> (<c>point@batch</c>) in turn, then to the end.</summary>
    public async Task CrashThenFinishAsync(Topics topics, string mode, int maxOffsetsPerTrigger, params string[] crashes)
    {
        foreach (string at in crashes)
        {
            string crash = at + ":KafkaTrades";
            var (exit, _, stderr) = await QueryAsync(topics, mode, maxOffsetsPerTrigger, crash);
            Assert.True(exit == 137, $"expected a SIGKILL at {crash}, got exit code {exit}:\n{stderr}");
            Assert.Contains(CrashPoints.Marker + crash, stderr);
        }
        var (finalExit, stdout, finalErr) = await QueryAsync(topics, mode, maxOffsetsPerTrigger, crashPoint: null);
        Assert.True(finalExit == 0, $"the restart failed with {finalExit}:\n{finalErr}");
        Assert.Contains("KafkaTrades: stopped after batch", stdout);
    }
}
