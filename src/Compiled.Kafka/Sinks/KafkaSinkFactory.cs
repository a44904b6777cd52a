using System.Text.Json.Serialization.Metadata;
using Confluent.Kafka;

namespace Compiled.Kafka;

/// <summary><c>Sink.Kafka</c>: the Kafka sink factories on the runtime's <see cref="Sink"/>.</summary>
public static class KafkaSinkFactory
{
    extension(Sink)
    {
        /// <summary>
        /// Writes each row as a JSON message through <paramref name="typeInfo"/> (a source-generated
        /// <c>JsonSerializerContext</c>'s metadata, so no reflection), exactly once by default.
        /// </summary>
        public static KafkaSink<T> Kafka<T>(KafkaSinkOptions<T> options, JsonTypeInfo<T> typeInfo) =>
            new(options, KafkaJson.Serializer(typeInfo));

        /// <summary>Writes each row as a message whose value <paramref name="serializer"/> makes, exactly once by default.</summary>
        public static KafkaSink<T> Kafka<T>(KafkaSinkOptions<T> options, ISerializer<T> serializer) => new(options, serializer);
    }
}
