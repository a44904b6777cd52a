using Confluent.Kafka;

namespace Compiled.Kafka;

/// <summary>Confluent.Kafka's default deserialiser for a key or value type, as its <c>ConsumerBuilder</c> picks it.</summary>
internal static class KafkaDefaultDeserializers
{
    /// <summary>The default deserialiser for <typeparamref name="TData"/>.</summary>
    /// <exception cref="InvalidOperationException">Confluent.Kafka has none for the type.</exception>
    public static IDeserializer<TData> For<TData>() =>
        (typeof(TData) == typeof(string) ? Deserializers.Utf8
            : typeof(TData) == typeof(byte[]) ? Deserializers.ByteArray
            : typeof(TData) == typeof(Null) ? Deserializers.Null
            : typeof(TData) == typeof(Ignore) ? Deserializers.Ignore
            : typeof(TData) == typeof(int) ? Deserializers.Int32
            : typeof(TData) == typeof(long) ? Deserializers.Int64
            : typeof(TData) == typeof(float) ? Deserializers.Single
            : typeof(TData) == typeof(double) ? (object)Deserializers.Double
            : null) as IDeserializer<TData>
        ?? throw new InvalidOperationException($"Confluent.Kafka has no default deserialiser for {typeof(TData)}; pass one.");
}
