using System.Globalization;
using System.Text.Json.Serialization.Metadata;
using Compiled.Kafka;
using Compiled.Kafka.Testing;
using Compiled.Sources;
using Compiled.Sources.Files;
using Confluent.Kafka;

namespace Compiled.Benchmarks.W5;

/// <summary>
/// W5's input in both places it is read from, made on first use (untimed, in a variant's <c>Prepare</c>): JSON-lines
/// files of one batch each in a temporary directory, and the same records in topics of <see cref="Partitions"/>
/// partitions in all, on a librdkafka mock cluster in this process or on the cluster <see cref="UseExternalCluster"/>
/// named.
/// </summary>
/// <param name="count">Records in the input.</param>
/// <param name="record">The JSON text of record <c>i</c>, made when the files or the topic are written.</param>
/// <param name="batchRecords">Records per batch: per file, and the offsets per trigger of the Kafka source.</param>
internal sealed class W5Input(int count, Func<int, string> record, int batchRecords)
{
    /// <summary>Input topics: the mock cluster keeps about 5 MB per partition and makes 4 partitions per topic.</summary>
    public const int Topics = 4;

    /// <summary>Partitions of each input topic (the mock cluster's default).</summary>
    public const int PartitionsPerTopic = 4;

    /// <summary>Partitions of all input topics together.</summary>
    public const int Partitions = Topics * PartitionsPerTopic;

    // One mock cluster for the whole process: each W5 instance (the warm-up prefix too) writes a topic of its own.
    // It is never disposed before the process ends, which stops its brokers.
    private static readonly Lazy<KafkaMockCluster> s_cluster = new(() => new KafkaMockCluster());
    private static string? s_externalBootstrap;

    private string? _directory;
    private string[]? _topics;

    /// <summary>Records in the input.</summary>
    public int Count => count;

    /// <summary>Records per batch: per file, and the offsets per trigger of the Kafka source.</summary>
    public int BatchRecords => batchRecords;

    /// <summary>The cluster's bootstrap servers.</summary>
    public static string Bootstrap => s_externalBootstrap ?? s_cluster.Value.BootstrapServers;

    /// <summary>Where the brokers run, for the workload's title.</summary>
    public static string ClusterDescription => ExternalCluster ? "(brokers in another process)" : "(librdkafka mock cluster in this process)";

    /// <summary>True when the brokers run in another process, so this process's CPU time is the client's alone.</summary>
    public static bool ExternalCluster => s_externalBootstrap is not null;

    /// <summary>
    /// Reads and writes W5's topics on the cluster at <paramref name="bootstrap"/> (a real broker, or
    /// <c>samples/KafkaMockBroker</c>) instead of a mock cluster in this process. The topics are created on first use,
    /// so a real broker needs <c>auto.create.topics.enable</c> and <c>num.partitions</c> = <see cref="PartitionsPerTopic"/>
    /// (the mock's defaults); producing to a partition it lacks fails naming the partition.
    /// </summary>
    public static void UseExternalCluster(string bootstrap) => s_externalBootstrap = bootstrap;

    /// <summary>The directory of JSON-lines files, written on first use.</summary>
    public string Directory => _directory ??= WriteFiles();

    /// <summary>The input topics, produced on first use.</summary>
    public string[] TopicNames => _topics ??= Produce();

    /// <summary>Where record <c>i</c> goes: round robin over every partition of every topic.</summary>
    public TopicPartition PartitionOf(int i) => new(TopicNames[i % Partitions / PartitionsPerTopic], i % PartitionsPerTopic);

    /// <summary>Every partition of every input topic.</summary>
    public IEnumerable<TopicPartition> AllPartitions() => Enumerable.Range(0, Partitions).Select(PartitionOf);

    /// <summary>The input files in batch order.</summary>
    public string[] Files() => [.. System.IO.Directory.GetFiles(Directory, "*.jsonl").Order(StringComparer.Ordinal)];

    /// <summary>
    /// The source a Compiled query reads this input with: one file per trigger, or the topic from its earliest offsets
    /// with <see cref="BatchRecords"/> offsets per trigger.
    /// </summary>
    public ISource<T> Source<T>(W5Source from, JsonTypeInfo<T> typeInfo) => from == W5Source.Files
        ? Compiled.Source.JsonFiles<T>(Directory, new FileSourceOptions { MaxFilesPerTrigger = 1 }, typeInfo.Options)
        : Compiled.Source.Kafka(new KafkaSourceOptions
        {
            BootstrapServers = Bootstrap,
            Subscribe = TopicNames,
            StartingOffsets = KafkaStartingOffsets.Earliest,
            MaxOffsetsPerTrigger = batchRecords,
        }, typeInfo);

    private string WriteFiles()
    {
        string directory = Path.Combine(Path.GetTempPath(), "compiled-bench-w5-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => System.IO.Directory.Delete(directory, recursive: true);
        DateTime first = DateTime.UtcNow.AddHours(-1);
        for (int start = 0, file = 0; start < count; start += batchRecords, file++)
        {
            string path = Path.Combine(directory, $"lines-{file.ToString("D5", CultureInfo.InvariantCulture)}.jsonl");
            using (var writer = new StreamWriter(path))
            {
                for (int i = start; i < Math.Min(count, start + batchRecords); i++) writer.WriteLine(record(i));
            }
            // The file source orders by modification time: one file per batch, in name order.
            File.SetLastWriteTimeUtc(path, first.AddSeconds(file));
        }
        return directory;
    }

    private string[] Produce()
    {
        string run = Guid.NewGuid().ToString("N");
        _topics = [.. Enumerable.Range(0, Topics).Select(t => $"w5-{run}-{t}")];
        var config = new ProducerConfig { BootstrapServers = Bootstrap, LingerMs = 5, BatchNumMessages = 10_000 };
        using var producer = new ProducerBuilder<Null, string>(config).SetLogHandler(static (_, _) => { }).Build();
        string? failure = null;
        for (int i = 0; i < count; i++)
        {
            var message = new Message<Null, string> { Value = record(i) };
            while (true)
            {
                try
                {
                    producer.Produce(PartitionOf(i), message, r => { if (r.Error.IsError) failure ??= r.Error.Reason; });
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
            throw new InvalidOperationException($"W5: producing {count:N0} records to the mock cluster failed: {failure ?? $"{pending} not acknowledged"}.");
        using var check = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = Bootstrap, GroupId = "w5-check" })
            .SetLogHandler(static (_, _) => { }).Build();
        foreach (TopicPartition partition in AllPartitions())
        {
            WatermarkOffsets marks = check.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(30));
            if (marks.Low.Value > 0)
                throw new InvalidOperationException(
                    $"W5: the mock cluster dropped the first {marks.Low.Value:N0} records of {partition} (it keeps about 5 MB per partition); use fewer records.");
        }
        return _topics;
    }
}
