using System.Text;
using System.Text.Json;
using Confluent.Kafka;

namespace Compiled.Kafka.Tests;

/// <summary>
/// What a read_committed reader sees of an exactly-once sink's output topic. A real broker hides the rows of aborted
/// transactions itself; librdkafka's mock cluster does not (its fetch responses list no aborted transactions and its
/// last stable offset is the high watermark), so on the mock the rows of transactions that never committed are dropped
/// here by their <c>compiled.attempt</c> header, keeping those whose attempt has a committed progress record.
/// </summary>
internal static class CommittedOutput
{
    public static List<ConsumeResult<string?, string?>> Read(string bootstrap, string topic, string progressTopic, out int abortedOnMock)
    {
        var committed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in KafkaTestData.ReadAll(bootstrap, progressTopic))
        {
            using var json = JsonDocument.Parse(record.Message.Value!);
            committed.Add(json.RootElement.GetProperty("Attempt").GetString()!);
        }
        var rows = new List<ConsumeResult<string?, string?>>();
        abortedOnMock = 0;
        foreach (var message in KafkaTestData.ReadAll(bootstrap, topic))
        {
            string attempt = Encoding.UTF8.GetString(message.Message.Headers.GetLastBytes(KafkaSink<object>.AttemptHeader));
            if (committed.Contains(attempt)) rows.Add(message);
            else abortedOnMock++;
        }
        return rows;
    }
}
