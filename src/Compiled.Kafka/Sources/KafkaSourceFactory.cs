using System.Text.Json.Serialization.Metadata;
using Compiled.Sources.Files;
using Confluent.Kafka;

namespace Compiled.Kafka;

/// <summary><c>Source.Kafka</c> and <c>Source.KafkaRecords</c>: the Kafka source factories on the runtime's <see cref="Source"/>.</summary>
public static class KafkaSourceFactory
{
    extension(Source)
    {
        /// <summary>
        /// Each message's value as a <typeparamref name="T"/> read from JSON through <paramref name="typeInfo"/> (a
        /// source-generated <c>JsonSerializerContext</c>'s metadata, so no reflection). Keys are ignored.
        /// </summary>
        public static KafkaSource<T> Kafka<T>(KafkaSourceOptions options, JsonTypeInfo<T> typeInfo) =>
            Source.Kafka(options, KafkaJson.Deserializer(typeInfo));

        /// <summary>
        /// Each message's value as a <typeparamref name="T"/> read from JSON as the JSON file source reads a line (member
        /// names case-insensitive): by the reader the Compiled generator made for <typeparamref name="T"/>, registered by
        /// the query that reads it, and by System.Text.Json for anything that reader declines. Keys are ignored.
        /// </summary>
        public static KafkaSource<T> Kafka<T>(KafkaSourceOptions options) =>
            Source.Kafka(options, KafkaJson.Deserializer<T>());

        /// <summary>Each message's value as a <typeparamref name="T"/> read by <paramref name="deserializer"/>; keys are ignored.</summary>
        /// <remarks>A deserialiser that throws marks the message as a bad record (see <see cref="KafkaSourceOptions.BadRecords"/>).</remarks>
        public static KafkaSource<T> Kafka<T>(KafkaSourceOptions options, IDeserializer<T> deserializer)
        {
            ArgumentNullException.ThrowIfNull(deserializer);
            return new KafkaSource<T>(options, config =>
                new KafkaNativeRowConsumer<Ignore, T, T>(ValueFieldsOnly(config, options), null, deserializer, static (_, value, _) => value));
        }

        /// <summary>
        /// Each message as a <see cref="KafkaRecord{TKey, TValue}"/>: key and value read by the given deserialisers
        /// (Confluent.Kafka's built-in ones for string, byte[], int, long, float, double and Null when null), with its
        /// topic, partition, offset, timestamp and headers.
        /// </summary>
        public static KafkaSource<KafkaRecord<TKey, TValue>> KafkaRecords<TKey, TValue>(
            KafkaSourceOptions options, IDeserializer<TKey>? keyDeserializer = null, IDeserializer<TValue>? valueDeserializer = null) =>
            new(options, config => new KafkaNativeRowConsumer<TKey, TValue, KafkaRecord<TKey, TValue>>(config, keyDeserializer, valueDeserializer, ToRecord));
    }

    /// <summary>The Confluent.Kafka setting that lists the <c>ConsumeResult</c> fields it fills in.</summary>
    internal const string ConsumeResultFields = "dotnet.consumer.consume.result.fields";

    /// <summary>
    /// Value rows need neither a message's headers nor its timestamp, so the consumer is told to skip them (a
    /// <c>Headers</c> object and two native calls per message); the topic stays, it names the partition. Bad records
    /// redirected to a dead-letter topic keep every field (their headers are copied), and a user's own setting wins.
    /// </summary>
    internal static ConsumerConfig ValueFieldsOnly(ConsumerConfig config, KafkaSourceOptions options)
    {
        if (options.BadRecords != BadRecordPolicy.Redirect && config.Get(ConsumeResultFields) is null)
            config.Set(ConsumeResultFields, "topic");
        return config;
    }

    private static KafkaRecord<TKey, TValue> ToRecord<TKey, TValue>(TKey key, TValue value, KafkaMessageFields fields)
    {
        IReadOnlyList<KeyValuePair<string, byte[]?>> headers = [];
        if (fields.Headers is { Count: > 0 } h)
        {
            var list = new KeyValuePair<string, byte[]?>[h.Count];
            for (int i = 0; i < list.Length; i++) list[i] = new(h[i].Key, h[i].GetValueBytes());
            headers = list;
        }
        return new KafkaRecord<TKey, TValue>(key, value, fields.Partition.Topic, fields.Partition.Partition.Value, fields.Offset,
            new DateTimeOffset(fields.Timestamp.UtcDateTime, TimeSpan.Zero), headers);
    }
}
