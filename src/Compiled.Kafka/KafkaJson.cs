using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Confluent.Kafka;

namespace Compiled.Kafka;

/// <summary>
/// JSON (de)serialisers for Kafka values through System.Text.Json metadata: pass the <see cref="JsonTypeInfo{T}"/> of a
/// source-generated <c>JsonSerializerContext</c> (e.g. <c>TradeJson.Default.Trade</c>), so no reflection is involved.
/// </summary>
public static class KafkaJson
{
    /// <summary>Reads UTF-8 JSON into <typeparamref name="T"/>; a null message or JSON <c>null</c> is an error (a bad record).</summary>
    public static IDeserializer<T> Deserializer<T>(JsonTypeInfo<T> typeInfo) => new JsonDeserializer<T>(typeInfo);

    /// <summary>Writes <typeparamref name="T"/> as UTF-8 JSON.</summary>
    public static ISerializer<T> Serializer<T>(JsonTypeInfo<T> typeInfo) => new JsonSerializer<T>(typeInfo);

    private sealed class JsonDeserializer<T>(JsonTypeInfo<T> typeInfo) : IDeserializer<T>
    {
        private readonly JsonTypeInfo<T> _typeInfo = typeInfo ?? throw new ArgumentNullException(nameof(typeInfo));

        public T Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context)
        {
            if (isNull) throw new InvalidDataException($"the message has no {context.Component.ToString().ToLowerInvariant()} (null), not a JSON {typeof(T).Name}");
            return JsonSerializer.Deserialize(data, _typeInfo)
                ?? throw new InvalidDataException($"the {context.Component.ToString().ToLowerInvariant()} is JSON null, not a {typeof(T).Name}");
        }
    }

    private sealed class JsonSerializer<T>(JsonTypeInfo<T> typeInfo) : ISerializer<T>
    {
        private readonly JsonTypeInfo<T> _typeInfo = typeInfo ?? throw new ArgumentNullException(nameof(typeInfo));

        public byte[] Serialize(T data, SerializationContext context) => JsonSerializer.SerializeToUtf8Bytes(data, _typeInfo);
    }
}
