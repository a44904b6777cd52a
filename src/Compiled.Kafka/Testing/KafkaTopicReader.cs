using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;

namespace Compiled.Kafka.Testing;

/// <summary>
/// Reads a topic back with a plain Confluent.Kafka consumer, for tests that check what a query wrote, independently of
/// the source under test.
/// </summary>
/// <remarks>
/// <para><see cref="ReadCommitted"/> is what a <c>read_committed</c> reader sees of an exactly-once sink's output. A real
/// broker hides the rows of aborted transactions itself. librdkafka's mock cluster does not: its fetch responses list no
/// aborted transactions and its last stable offset is the high watermark. So the rows of transactions that never
/// committed are dropped here by their <c>compiled.attempt</c> header, keeping those whose attempt has a committed
/// progress record, and counted.</para>
/// </remarks>
public static class KafkaTopicReader
{
    /// <summary>How long a read may take before it fails.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Every message of <paramref name="topic"/>'s first <paramref name="partitions"/> partitions, from the beginning to the end.</summary>
    /// <exception cref="TimeoutException">The end of some partition was not reached within <see cref="Timeout"/>.</exception>
    public static List<ConsumeResult<string?, string?>> ReadAll(string bootstrap, string topic, bool readCommitted = true, int partitions = 4)
    {
        using var consumer = new ConsumerBuilder<string?, string?>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = "test-reader",
            EnablePartitionEof = true,
            IsolationLevel = readCommitted ? IsolationLevel.ReadCommitted : IsolationLevel.ReadUncommitted,
        }).SetLogHandler(static (_, _) => { }).Build();
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var open = new HashSet<int>(Enumerable.Range(0, partitions));
        var read = new List<ConsumeResult<string?, string?>>();
        var clock = Stopwatch.StartNew();
        while (open.Count > 0)
        {
            if (clock.Elapsed > Timeout)
                throw new TimeoutException($"Reading topic '{topic}' did not reach the end of partitions {string.Join(",", open)} within {Timeout}.");
            ConsumeResult<string?, string?>? r = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (r is null) continue;
            if (r.IsPartitionEOF) open.Remove(r.Partition.Value);
            else read.Add(r);
        }
        return read;
    }

    /// <summary>
    /// The rows of <paramref name="topic"/> written by committed transactions of an exactly-once sink whose progress
    /// records are in <paramref name="progressTopic"/>; <paramref name="abortedOnMock"/> counts the rows dropped.
    /// </summary>
    public static List<ConsumeResult<string?, string?>> ReadCommitted(string bootstrap, string topic, string progressTopic, out int abortedOnMock)
    {
        var committed = new HashSet<string>(StringComparer.Ordinal);
        foreach (SinkProgress progress in ReadProgress(bootstrap, progressTopic)) committed.Add(progress.Attempt);
        var rows = new List<ConsumeResult<string?, string?>>();
        abortedOnMock = 0;
        foreach (var message in ReadAll(bootstrap, topic))
        {
            string attempt = Encoding.UTF8.GetString(message.Message.Headers.GetLastBytes(KafkaSink<object>.AttemptHeader));
            if (committed.Contains(attempt)) rows.Add(message);
            else abortedOnMock++;
        }
        return rows;
    }

    /// <summary>The progress records in <paramref name="progressTopic"/>, in the order they were committed.</summary>
    public static List<SinkProgress> ReadProgress(string bootstrap, string progressTopic)
    {
        var records = new List<SinkProgress>();
        foreach (var record in ReadAll(bootstrap, progressTopic, partitions: SinkProgressLog.Partition + 1))
        {
            using var json = JsonDocument.Parse(record.Message.Value!);
            JsonElement root = json.RootElement;
            records.Add(new SinkProgress(root.GetProperty("QueryId").GetGuid(), root.GetProperty("BatchId").GetInt64(), root.GetProperty("Attempt").GetString()!));
        }
        return records;
    }

    /// <summary>One progress record of an exactly-once sink: the batch a query committed, and the attempt that did.</summary>
    /// <param name="QueryId">The query's id.</param>
    /// <param name="BatchId">The batch committed.</param>
    /// <param name="Attempt">The attempt (transaction) whose rows carry it in their <c>compiled.attempt</c> header.</param>
    public sealed record SinkProgress(Guid QueryId, long BatchId, string Attempt);
}
