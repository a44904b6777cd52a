using System.Text;
using Compiled.Diagnostics;
using Compiled.Sinks;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Compiled.Kafka;

/// <summary>
/// Writes each row as one Kafka message: key from the key selector, value from the serialiser (JSON by default), to
/// the fixed topic or the row's own. Any output mode: every batch's rows are appended to the topic.
/// </summary>
/// <remarks>
/// <para>Exactly-once (<see cref="KafkaDelivery.ExactlyOnce"/>): a transactional producer with a transactional id stable
/// per query. Opening it aborts whatever an earlier instance left open and fences that instance; then the last batch id
/// committed for the query is read back from the progress topic. Each batch is one transaction holding its rows and a
/// progress record; a batch id at or below the last committed one is a replay and writes nothing.</para>
/// <para>At-least-once (<see cref="KafkaDelivery.AtLeastOnce"/>): an idempotent producer; each batch is flushed before
/// the engine commits it, and a replay writes the batch again.</para>
/// </remarks>
public sealed class KafkaSink<T> : ISink<T>
{
    /// <summary>Header of every row naming the query that wrote it.</summary>
    public const string QueryHeader = "compiled.query";

    /// <summary>Header of every row naming the batch that wrote it.</summary>
    public const string BatchHeader = "compiled.batch";

    /// <summary>
    /// Header of every row naming the attempt (transaction) that wrote it; with exactly-once delivery the batch's progress
    /// record names the attempt that committed, so a reader that cannot use read_committed can still drop rows of aborted
    /// attempts.
    /// </summary>
    public const string AttemptHeader = "compiled.attempt";

    private static readonly IReadOnlyCollection<OutputMode> Modes = [OutputMode.Append, OutputMode.Update, OutputMode.Complete];

    private readonly KafkaSinkOptions<T> _options;
    private readonly ISerializer<T> _serializer;
    private IProducer<byte[]?, byte[]>? _producer;
    private SinkContext? _context;
    private string _transactionalId = "";
    private long _lastCommittedBatch = -1;
    private string? _deliveryFailure;
    private readonly Action<DeliveryReport<byte[]?, byte[]>> _onDelivery;

    internal KafkaSink(KafkaSinkOptions<T> options, ISerializer<T> serializer)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(serializer);
        options.Validate();
        _options = options;
        _serializer = serializer;
        _onDelivery = report =>
        {
            if (report.Error.IsError) _deliveryFailure ??= $"{report.Topic} partition {report.Partition.Value}: {report.Error.Reason}";
        };
        Description = $"KafkaSink[{options.Topic ?? "topic per row"}, {options.Delivery}]";
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public IReadOnlyCollection<OutputMode> SupportedModes => Modes;

    /// <summary>The transactional id in use (exactly-once), known once the sink is open.</summary>
    public string TransactionalId => _transactionalId;

    /// <summary>The last batch id known to be committed to Kafka by this query (exactly-once), or -1.</summary>
    public long LastCommittedBatchId => _lastCommittedBatch;

    /// <inheritdoc />
    public void Open(SinkContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        bool exactlyOnce = _options.Delivery == KafkaDelivery.ExactlyOnce;
        var fixedSettings = new Dictionary<string, string> { ["enable.idempotence"] = "true" };
        if (exactlyOnce)
        {
            _transactionalId = _options.TransactionalId ?? "compiled-" + context.QueryId.ToString("N");
            fixedSettings["transactional.id"] = _transactionalId;
        }
        var config = KafkaSettings.Build(new ProducerConfig(), _options.BootstrapServers, _options.Settings, fixedSettings);
        _producer = new ProducerBuilder<byte[]?, byte[]>(config).SetLogHandler(static (_, _) => { }).Build();
        if (!exactlyOnce) return;
        try
        {
            // Aborts a transaction an earlier instance left open and bumps the epoch, so that instance can no longer commit.
            _producer.InitTransactions(_options.Timeout);
        }
        catch (KafkaException e)
        {
            throw new InvalidOperationException(
                $"{Description} of query '{context.QueryName}': initialising transactions with transactional id '{_transactionalId}' on {_options.BootstrapServers} failed: {e.Error.Reason}", e);
        }
        _lastCommittedBatch = SinkProgressLog.ReadLastBatch(_options.BootstrapServers, _options.Settings, _options.ProgressTopic, context.QueryId, _options.Timeout);
        context.Logger.LogInformation("{Sink}: transactional id {Id}; last batch committed to Kafka: {Batch}.", Description, _transactionalId, _lastCommittedBatch);
    }

    /// <inheritdoc />
    public void AddBatch(long batchId, ReadOnlySpan<T> rows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(batchId);
        IProducer<byte[]?, byte[]> producer = _producer ?? throw new InvalidOperationException($"{Description} has not been opened.");
        bool exactlyOnce = _options.Delivery == KafkaDelivery.ExactlyOnce;
        if (exactlyOnce && batchId <= _lastCommittedBatch)
        {
            _context!.Logger.LogInformation("{Sink}: batch {BatchId} is already committed to Kafka; the replay writes nothing.", Description, batchId);
            return;
        }
        var attempt = Guid.NewGuid();
        // One header set serves every row of the batch: Confluent.Kafka only reads it while producing.
        var headers = new Headers
        {
            { QueryHeader, Encoding.UTF8.GetBytes(_context!.QueryId.ToString("D")) },
            { BatchHeader, Encoding.UTF8.GetBytes(batchId.ToString(System.Globalization.CultureInfo.InvariantCulture)) },
            { AttemptHeader, Encoding.UTF8.GetBytes(attempt.ToString("D")) },
        };
        if (!exactlyOnce)
        {
            Produce(producer, rows, headers, _onDelivery);
            CrashPoints.Hit(CrashPoints.SinkMidWrite, batchId, _context.QueryName);
            Flush(producer, batchId);
            return;
        }
        try
        {
            producer.BeginTransaction();
            Produce(producer, rows, headers, null);
            CrashPoints.Hit(CrashPoints.SinkMidWrite, batchId, _context.QueryName);
            // Every row is acknowledged before the progress record is sent, so a progress record on the log always
            // follows all of its batch's rows. A broker that shows aborted transactions (librdkafka's mock cluster)
            // then never shows a batch's progress without all its rows, which would make a replay skip it.
            Flush(producer, batchId);
            producer.Produce(new TopicPartition(_options.ProgressTopic, SinkProgressLog.Partition), SinkProgressLog.Record(_context.QueryId, batchId, attempt));
            producer.CommitTransaction(_options.Timeout);
        }
        catch (KafkaException e)
        {
            throw TransactionFailed(producer, batchId, e);
        }
        _lastCommittedBatch = batchId;
    }

    private void Produce(IProducer<byte[]?, byte[]> producer, ReadOnlySpan<T> rows, Headers headers, Action<DeliveryReport<byte[]?, byte[]>>? onDelivery)
    {
        Func<T, string>? topicOf = _options.TopicSelector;
        Func<T, string?>? keyOf = _options.KeySelector;
        string fixedTopic = _options.Topic ?? "";
        foreach (T row in rows)
        {
            string topic = topicOf is null ? fixedTopic : topicOf(row);
            var message = new Message<byte[]?, byte[]>
            {
                Key = keyOf?.Invoke(row) is { } key ? Encoding.UTF8.GetBytes(key) : null,
                Value = _serializer.Serialize(row, new SerializationContext(MessageComponentType.Value, topic)),
                Headers = headers,
            };
            while (true)
            {
                try
                {
                    producer.Produce(topic, message, onDelivery);
                    break;
                }
                catch (ProduceException<byte[]?, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
                {
                    // The local queue is full: let librdkafka send and acknowledge some messages, then try again.
                    producer.Poll(TimeSpan.FromMilliseconds(10));
                }
            }
        }
    }

    private void Flush(IProducer<byte[]?, byte[]> producer, long batchId)
    {
        int pending = producer.Flush(_options.Timeout);
        string? failure = _deliveryFailure;
        _deliveryFailure = null;
        if (pending > 0 || failure is not null)
            throw new InvalidOperationException(
                $"{Description} of query '{_context!.QueryName}': batch {batchId} was not fully written: {failure ?? $"{pending} messages not acknowledged within {_options.Timeout}"}.");
    }

    private Exception TransactionFailed(IProducer<byte[]?, byte[]> producer, long batchId, KafkaException e)
    {
        string query = _context!.QueryName;
        if (e.Error.Code is ErrorCode.ProducerFenced or ErrorCode.InvalidProducerEpoch or ErrorCode.Local_Fenced)
        {
            return new InvalidOperationException(
                $"{Description} of query '{query}': batch {batchId} was not written because another instance of the query started with the same transactional id " +
                $"'{_transactionalId}' and fenced this one. Only the newest instance may write; stop this one.", e);
        }
        if (e is KafkaRetriableException || (e is KafkaTxnRequiresAbortException))
        {
            try
            {
                producer.AbortTransaction(_options.Timeout);
            }
            catch (KafkaException)
            {
                // The abort is best-effort: the next InitTransactions aborts the transaction in any case.
            }
        }
        return new InvalidOperationException(
            $"{Description} of query '{query}': the transaction of batch {batchId} (transactional id '{_transactionalId}') failed: {e.Error.Reason}. Restart the query; the batch is written again.", e);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _producer?.Dispose();
        _producer = null;
    }
}
