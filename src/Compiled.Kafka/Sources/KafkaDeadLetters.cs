using System.Globalization;
using System.Text;
using Confluent.Kafka;

namespace Compiled.Kafka;

/// <summary>
/// Copies messages the source cannot deserialise to the dead-letter topic, raw key and value unchanged, with headers
/// naming where they came from and why they were rejected.
/// </summary>
/// <remarks>
/// Flushed before the batch's read returns, so a dead letter is durable before the batch commits. A batch replayed
/// after a crash sends its dead letters again: the dead-letter topic is at-least-once.
/// </remarks>
internal sealed class KafkaDeadLetters : IDisposable
{
    /// <summary>Header holding the source topic.</summary>
    public const string TopicHeader = "compiled.source.topic";

    /// <summary>Header holding the source partition.</summary>
    public const string PartitionHeader = "compiled.source.partition";

    /// <summary>Header holding the source offset.</summary>
    public const string OffsetHeader = "compiled.source.offset";

    /// <summary>Header holding why the message was rejected.</summary>
    public const string ReasonHeader = "compiled.error";

    private readonly IProducer<byte[]?, byte[]?> _producer;
    private readonly string _topic;
    private readonly string _description;
    private string? _failure;

    /// <summary>Creates the dead-letter producer (idempotent) with the source's pass-through settings.</summary>
    public KafkaDeadLetters(KafkaSourceOptions options, string description)
    {
        _topic = options.DeadLetterTopic!;
        _description = description;
        var config = KafkaSettings.Build(new ProducerConfig(), options.BootstrapServers, ProducerSettings(options.Settings), new Dictionary<string, string>
        {
            ["enable.idempotence"] = "true",
        });
        _producer = new ProducerBuilder<byte[]?, byte[]?>(config).SetLogHandler(static (_, _) => { }).Build();
    }

    /// <summary>Queues <paramref name="record"/> for the dead-letter topic.</summary>
    public void Send(ConsumeResult<byte[], byte[]> record, string reason)
    {
        var headers = new Headers
        {
            { TopicHeader, Encoding.UTF8.GetBytes(record.Topic) },
            { PartitionHeader, Encoding.UTF8.GetBytes(record.Partition.Value.ToString(CultureInfo.InvariantCulture)) },
            { OffsetHeader, Encoding.UTF8.GetBytes(record.Offset.Value.ToString(CultureInfo.InvariantCulture)) },
            { ReasonHeader, Encoding.UTF8.GetBytes(reason) },
        };
        if (record.Message.Headers is { } original)
        {
            foreach (IHeader header in original) headers.Add(header.Key, header.GetValueBytes());
        }
        _producer.Produce(_topic, new Message<byte[]?, byte[]?> { Key = record.Message.Key, Value = record.Message.Value, Headers = headers }, report =>
        {
            if (report.Error.IsError) _failure ??= report.Error.Reason;
        });
    }

    /// <summary>Waits until every queued dead letter is acknowledged.</summary>
    /// <exception cref="KafkaException">A dead letter could not be written.</exception>
    public void Flush(TimeSpan timeout)
    {
        int pending = _producer.Flush(timeout);
        string? failure = _failure;
        _failure = null;
        if (pending > 0 || failure is not null)
            throw new KafkaException(new Error(ErrorCode.Local_MsgTimedOut,
                $"{_description}: writing bad records to dead-letter topic '{_topic}' failed: {failure ?? $"{pending} not acknowledged within {timeout}"}."));
    }

    /// <inheritdoc />
    public void Dispose() => _producer.Dispose();

    /// <summary>The consumer-only settings are dropped so librdkafka does not warn about them on a producer.</summary>
    private static Dictionary<string, string> ProducerSettings(IReadOnlyDictionary<string, string> settings) =>
        settings.Where(s => s.Key is not ("isolation.level" or "fetch.min.bytes" or "fetch.wait.max.ms" or "max.partition.fetch.bytes" or "queued.max.messages.kbytes"))
            .ToDictionary(s => s.Key, s => s.Value);
}
