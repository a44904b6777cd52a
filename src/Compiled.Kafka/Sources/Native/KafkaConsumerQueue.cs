using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace Compiled.Kafka.Native;

/// <summary>
/// The queue a Confluent.Kafka consumer's <c>Consume</c> reads (librdkafka's consumer-group queue), read in batches with
/// <c>rd_kafka_consume_batch_queue</c>: one native call for many messages instead of a call, a marshalled message and
/// several objects per message.
/// </summary>
/// <remarks>
/// Holds a reference on Confluent's handle for as long as the queue is used, so disposing the consumer first cannot
/// free the <c>rd_kafka_t</c> under it; <see cref="Dispose"/> must run before the consumer is closed.
/// </remarks>
internal sealed unsafe class KafkaConsumerQueue : IDisposable
{
    private static readonly Lazy<int> s_boundVersion = new(CheckBinding);

    private readonly SafeHandle _client;
    private nint _queue;

    /// <summary>Takes the consumer queue of the client behind <paramref name="handle"/>.</summary>
    /// <exception cref="InvalidOperationException">The client has no consumer group (no <c>group.id</c>).</exception>
    public KafkaConsumerQueue(Handle handle)
    {
        _ = s_boundVersion.Value;
        _client = KafkaClientHandle.Of(handle);
        bool added = false;
        _client.DangerousAddRef(ref added);
        _queue = Librdkafka.QueueGetConsumer(_client.DangerousGetHandle());
        if (_queue == 0)
        {
            _client.DangerousRelease();
            throw new InvalidOperationException("The Kafka consumer has no consumer queue: it was built without a group.id.");
        }
    }

    /// <summary>The client's <c>rd_kafka_t*</c>, for its fatal error.</summary>
    public nint Client => _client.DangerousGetHandle();

    /// <summary>
    /// Pops the messages queued now into <paramref name="messages"/>, or, when none is, waits up to
    /// <paramref name="timeoutMs"/> for the first one to arrive. Returns how many were popped; the caller destroys each.
    /// </summary>
    /// <remarks>
    /// librdkafka's batch call waits until the whole batch is full or the timeout ends, so a batch asked for with a
    /// timeout would hold back messages that have arrived; the wait is for one message only.
    /// </remarks>
    public int Consume(Span<nint> messages, int timeoutMs)
    {
        ObjectDisposedException.ThrowIf(_queue == 0, this);
        nint count;
        fixed (nint* first = messages)
        {
            count = Librdkafka.ConsumeBatchQueue(_queue, 0, first, (nuint)messages.Length);
            if (count == 0 && timeoutMs > 0) count = Librdkafka.ConsumeBatchQueue(_queue, timeoutMs, first, 1);
        }
        if (count < 0) throw new KafkaException(new Error(ErrorCode.Local_Fail, "rd_kafka_consume_batch_queue failed on the consumer's queue."));
        return (int)count;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_queue == 0) return;
        Librdkafka.QueueDestroy(_queue);
        _queue = 0;
        _client.DangerousRelease();
    }

    /// <summary>The librdkafka version this assembly's binding loaded; it must be the one Confluent.Kafka reports.</summary>
    internal static int BoundVersion => s_boundVersion.Value;

    private static int CheckBinding()
    {
        int bound = Librdkafka.Version();
        if (bound != Library.Version)
            throw new InvalidOperationException(
                $"Compiled.Kafka bound librdkafka 0x{bound:x8} but Confluent.Kafka uses 0x{Library.Version:x8}; both must use the same library (reference the librdkafka.redist version that matches Confluent.Kafka and do not load another one by hand).");
        return bound;
    }
}
