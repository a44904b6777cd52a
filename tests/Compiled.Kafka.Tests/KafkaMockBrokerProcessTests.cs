using System.Diagnostics;
using System.Net.Sockets;
using static Compiled.Kafka.Tests.KafkaTestData;

namespace Compiled.Kafka.Tests;

/// <summary>
/// samples/KafkaMockBroker as a process: it prints its bootstrap line, serves clients of other processes (Debian's kcat,
/// built on the system librdkafka, and this test's Confluent.Kafka), and stops cleanly on SIGTERM and SIGINT.
/// </summary>
public sealed class KafkaMockBrokerProcessTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ServesKcatAndDotnetClients_AndStopsOnSigterm()
    {
        using Process broker = ChildProcess.StartDotnet("KafkaMockBroker.dll", []);
        string bootstrap = await ReadBootstrapLineAsync(broker);
        Assert.Equal(3, bootstrap.Split(',').Length);

        // kcat produces; a .NET consumer reads; then kcat reads what .NET produced.
        string topic = NewTopic("kcat");
        using (Process produce = ChildProcess.Start("kcat", ["-b", bootstrap, "-t", topic, "-P", "-p", "0", "-K", ":"]))
        {
            await produce.StandardInput.WriteAsync("k1:one\nk2:two\nk3:three\n");
            produce.StandardInput.Close();
            var (code, _, stderr) = await ChildProcess.WaitAsync(produce, Timeout);
            Assert.True(code == 0, "kcat -P failed: " + stderr);
        }
        var read = ReadAll(bootstrap, topic);
        Assert.Equal(new (string?, string?)[] { ("k1", "one"), ("k2", "two"), ("k3", "three") }, read.Select(m => (m.Message.Key, m.Message.Value)));

        Produce(bootstrap, topic, ["from-dotnet"], partition: 1);
        using (Process consume = ChildProcess.Start("kcat", ["-b", bootstrap, "-t", topic, "-C", "-p", "1", "-o", "beginning", "-e", "-q", "-f", "%s\\n"]))
        {
            var (code, stdout, stderr) = await ChildProcess.WaitAsync(consume, Timeout);
            Assert.True(code == 0, "kcat -C failed: " + stderr);
            Assert.Equal("from-dotnet", stdout.Trim());
        }

        ChildProcess.Terminate(broker);
        var (exit, _, brokerErr) = await ChildProcess.WaitAsync(broker, Timeout, Task.FromResult(""));
        Assert.True(exit == 0, $"the broker exited with {exit}: {brokerErr}");
        Assert.Contains("stopped", brokerErr);
        foreach (string address in bootstrap.Split(',')) Assert.False(Accepts(address), $"{address} still accepts connections after SIGTERM");
    }

    [Fact]
    public async Task HonoursBrokerCount_AndStopsOnSigint()
    {
        using Process broker = ChildProcess.StartDotnet("KafkaMockBroker.dll", ["--brokers", "1"], defaultSigint: true);
        string bootstrap = await ReadBootstrapLineAsync(broker);
        Assert.Single(bootstrap.Split(','));
        using (Process kill = ChildProcess.Start("kill", ["-INT", broker.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) kill.WaitForExit();
        var (exit, _, _) = await ChildProcess.WaitAsync(broker, Timeout, Task.FromResult(""));
        Assert.Equal(0, exit);
    }

    [Fact]
    public async Task RejectsABadArgument()
    {
        using Process broker = ChildProcess.StartDotnet("KafkaMockBroker.dll", ["--brokers", "zero"]);
        var (exit, stdout, stderr) = await ChildProcess.WaitAsync(broker, Timeout);
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Contains("'--brokers'", stderr);
    }

    private static async Task<string> ReadBootstrapLineAsync(Process broker)
    {
        using var cancel = new CancellationTokenSource(Timeout);
        string? line = await broker.StandardOutput.ReadLineAsync(cancel.Token);
        Assert.NotNull(line);
        Assert.StartsWith("bootstrap.servers=", line);
        return line["bootstrap.servers=".Length..];
    }

    private static bool Accepts(string address)
    {
        int colon = address.LastIndexOf(':');
        try
        {
            using var client = new TcpClient();
            client.Connect(address[..colon], int.Parse(address[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
