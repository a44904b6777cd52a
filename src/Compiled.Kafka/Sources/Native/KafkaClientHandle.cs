using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace Compiled.Kafka.Native;

/// <summary>The <c>rd_kafka_t*</c> behind a Confluent.Kafka client, for the librdkafka calls Confluent does not offer.</summary>
internal static class KafkaClientHandle
{
    /// <summary>
    /// The client's <c>SafeKafkaHandle</c>. Whoever uses its pointer holds a reference (<c>DangerousAddRef</c>) meanwhile,
    /// so disposing the client cannot free the <c>rd_kafka_t</c> under the call.
    /// </summary>
    public static SafeHandle Of(Handle handle) => (SafeHandle)LibrdkafkaHandle(handle);

    /// <summary>Confluent's internal <c>Handle.LibrdkafkaHandle</c>, read without reflection.</summary>
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "get_LibrdkafkaHandle")]
    [return: UnsafeAccessorType("Confluent.Kafka.Impl.SafeKafkaHandle, Confluent.Kafka")]
    private static extern object LibrdkafkaHandle(Handle handle);
}
