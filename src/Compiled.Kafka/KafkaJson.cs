using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Compiled.Sources.Files;
using Compiled.Sources.Json;
using Confluent.Kafka;

namespace Compiled.Kafka;

/// <summary>
/// JSON (de)serialisers for Kafka values. Values are read by the reader the Compiled generator made for
/// their type when a query reads it (see <see cref="JsonRowReaders"/>), else, and for every message that
/// reader declines, by System.Text.Json: pass the <see cref="JsonTypeInfo{T}"/> of a source-generated
/// <c>JsonSerializerContext</c> (e.g. <c>TradeJson.Default.Trade</c>) so that no reflection is involved either way.
/// </summary>
public static class KafkaJson
{
    /// <summary>
    /// Reads UTF-8 JSON into <typeparamref name="T"/> as System.Text.Json does under <paramref name="typeInfo"/>; a null
    /// message or JSON <c>null</c> is an error (a bad record). The generated reader stands in only when the metadata's
    /// options read alike (no options-wide converters, naming policy or number handling beyond named floating-point
    /// literals, and System.Text.Json's own resolver).
    /// </summary>
    public static IDeserializer<T> Deserializer<T>(JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        return new JsonDeserializer<T>(new JsonRowParser<T>(typeInfo));
    }

    /// <summary>
    /// Reads UTF-8 JSON into <typeparamref name="T"/> under the JSON file source's defaults: member names matched
    /// case-insensitively, records bound through their constructor, by the generated reader where there is one; what it
    /// declines is read by System.Text.Json's reflection metadata, built at the first such message.
    /// </summary>
    public static IDeserializer<T> Deserializer<T>() => new JsonDeserializer<T>(JsonLinesOptions.Parser<T>(null));

    /// <summary>Writes <typeparamref name="T"/> as UTF-8 JSON.</summary>
    public static ISerializer<T> Serializer<T>(JsonTypeInfo<T> typeInfo) => new JsonSerializer<T>(typeInfo);

    private sealed class JsonDeserializer<T>(JsonRowParser<T> parser) : IDeserializer<T>
    {
        public T Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context)
        {
            if (isNull) throw new InvalidDataException($"the message has no {context.Component.ToString().ToLowerInvariant()} (null), not a JSON {typeof(T).Name}");
            return parser.Parse(data)
                ?? throw new InvalidDataException($"the {context.Component.ToString().ToLowerInvariant()} is JSON null, not a {typeof(T).Name}");
        }
    }

    private sealed class JsonSerializer<T>(JsonTypeInfo<T> typeInfo) : ISerializer<T>
    {
        private readonly JsonTypeInfo<T> _typeInfo = typeInfo ?? throw new ArgumentNullException(nameof(typeInfo));

        public byte[] Serialize(T data, SerializationContext context) => JsonSerializer.SerializeToUtf8Bytes(data, _typeInfo);
    }
}
