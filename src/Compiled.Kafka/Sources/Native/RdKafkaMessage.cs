using System.Runtime.InteropServices;

namespace Compiled.Kafka.Native;

/// <summary>
/// librdkafka's <c>rd_kafka_message_t</c> (rdkafka.h, stable since 0.9), read in place. On 64-bit platforms the fields
/// sit at 0 (<c>err</c>, int), 8 (<c>rkt</c>), 16 (<c>partition</c>, int32), 24 (<c>payload</c>), 32 (<c>len</c>),
/// 40 (<c>key</c>), 48 (<c>key_len</c>), 56 (<c>offset</c>, int64) and 64 (<c>_private</c>): 72 bytes.
/// NativeConsumerTests checks them against what Confluent.Kafka returns for the same messages.
/// </summary>
/// <remarks>
/// For an error message <c>payload</c> holds the error string and <c>offset</c> the position it concerns; for the end
/// of a partition <c>offset</c> is the partition's end.
/// </remarks>
[StructLayout(LayoutKind.Sequential)]
internal readonly unsafe struct RdKafkaMessage
{
    /// <summary><c>err</c>: 0, or the error this message reports (an <see cref="Confluent.Kafka.ErrorCode"/>).</summary>
    public readonly int Error;

    /// <summary><c>rkt</c>: the topic handle (null for an error not tied to a topic).</summary>
    public readonly nint Topic;

    /// <summary><c>partition</c>.</summary>
    public readonly int Partition;

    /// <summary><c>payload</c>: the value (null for a null value), or the error string.</summary>
    public readonly byte* Payload;

    /// <summary><c>len</c>: the value's length in bytes.</summary>
    public readonly nuint Length;

    /// <summary><c>key</c>: the key (null for a null key).</summary>
    public readonly byte* Key;

    /// <summary><c>key_len</c>.</summary>
    public readonly nuint KeyLength;

    /// <summary><c>offset</c>.</summary>
    public readonly long Offset;

    /// <summary><c>_private</c>: librdkafka's own (the consumer's op); never read.</summary>
    public readonly nint Private;

    /// <summary>The value as a span over the native buffer; empty for a null value.</summary>
    public ReadOnlySpan<byte> Value => Payload is null ? default : new ReadOnlySpan<byte>(Payload, checked((int)Length));

    /// <summary>The key as a span over the native buffer; empty for a null key.</summary>
    public ReadOnlySpan<byte> KeyBytes => Key is null ? default : new ReadOnlySpan<byte>(Key, checked((int)KeyLength));
}
