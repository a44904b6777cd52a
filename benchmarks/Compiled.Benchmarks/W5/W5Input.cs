using System.Globalization;
using System.Text.Json;
using Compiled.Kafka.Testing;
using Confluent.Kafka;

namespace Compiled.Benchmarks.W5;

/// <summary>
/// W5's input in both places it is read from, made on first use (untimed, in a variant's <c>Prepare</c>): JSON-lines
/// files of one batch each in a temporary directory, and the same records in a topic of <see cref="Partitions"/>
/// partitions on a librdkafka mock cluster in this process.
/// </summary>
internal sealed class W5Input(string[] lines, int batchLines)
{
    /// <summary>Partitions of the input topic.</summary>
    public const int Partitions = 4;

    // One mock cluster for the whole process: each W5 instance (the warm-up prefix too) writes a topic of its own.
    // It is never disposed before the process ends, which stops its brokers.
    private static readonly Lazy<KafkaMockCluster> s_cluster = new(() => new KafkaMockCluster());

    private string? _directory;
    private string? _topic;

    /// <summary>The lines the records carry.</summary>
    public string[] Lines => lines;

    /// <summary>Lines per batch: per file, and the offsets per trigger of the Kafka source.</summary>
    public int BatchLines => batchLines;

    /// <summary>The mock cluster's bootstrap servers.</summary>
    public static string Bootstrap => s_cluster.Value.BootstrapServers;

    /// <summary>The directory of JSON-lines files, written on first use.</summary>
    public string Directory => _directory ??= WriteFiles();

    /// <summary>The input topic, produced on first use.</summary>
    public string Topic => _topic ??= Produce();

    /// <summary>The input files in batch order.</summary>
    public string[] Files() => [.. System.IO.Directory.GetFiles(Directory, "*.jsonl").Order(StringComparer.Ordinal)];

    private string WriteFiles()
    {
        string directory = Path.Combine(Path.GetTempPath(), "compiled-bench-w5-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => System.IO.Directory.Delete(directory, recursive: true);
        DateTime first = DateTime.UtcNow.AddHours(-1);
        for (int start = 0, file = 0; start < lines.Length; start += batchLines, file++)
        {
            string path = Path.Combine(directory, $"lines-{file.ToString("D5", CultureInfo.InvariantCulture)}.jsonl");
            using (var writer = new StreamWriter(path))
            {
                for (int i = start; i < Math.Min(lines.Length, start + batchLines); i++) writer.WriteLine(Record(lines[i]));
            }
            // The file source orders by modification time: one file per batch, in name order.
            File.SetLastWriteTimeUtc(path, first.AddSeconds(file));
        }
        return directory;
    }

    private string Produce()
    {
        string topic = "w5-" + Guid.NewGuid().ToString("N");
        var config = new ProducerConfig { BootstrapServers = Bootstrap, LingerMs = 5, BatchNumMessages = 10_000 };
        using var producer = new ProducerBuilder<Null, string>(config).SetLogHandler(static (_, _) => { }).Build();
        string? failure = null;
        for (int i = 0; i < lines.Length; i++)
        {
            var message = new Message<Null, string> { Value = Record(lines[i]) };
            while (true)
            {
                try
                {
                    producer.Produce(new TopicPartition(topic, i % Partitions), message, r => { if (r.Error.IsError) failure ??= r.Error.Reason; });
                    break;
                }
                catch (ProduceException<Null, string> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
                {
                    producer.Poll(TimeSpan.FromMilliseconds(10));
                }
            }
        }
        int pending = producer.Flush(TimeSpan.FromMinutes(2));
        if (pending > 0 || failure is not null)
            throw new InvalidOperationException($"W5: producing {lines.Length:N0} records to the mock cluster failed: {failure ?? $"{pending} not acknowledged"}.");
        using var check = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = Bootstrap, GroupId = "w5-check" })
            .SetLogHandler(static (_, _) => { }).Build();
        for (int p = 0; p < Partitions; p++)
        {
            WatermarkOffsets marks = check.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(30));
            if (marks.Low.Value > 0)
                throw new InvalidOperationException(
                    $"W5: the mock cluster dropped the first {marks.Low.Value:N0} records of partition {p} (it keeps about 5 MB per partition); use fewer lines.");
        }
        return topic;
    }

    private static string Record(string line) => JsonSerializer.Serialize(new TextLine(line), W5Json.Default.TextLine);
}
