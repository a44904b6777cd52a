namespace Compiled.Kafka;

/// <summary>A Kafka message as a row (Spark's Kafka row schema): key, value and where and when it was written.</summary>
/// <param name="Key">The deserialised key (default when the message has none).</param>
/// <param name="Value">The deserialised value.</param>
/// <param name="Topic">The topic.</param>
/// <param name="Partition">The partition.</param>
/// <param name="Offset">The message's offset in its partition.</param>
/// <param name="Timestamp">The message's timestamp (create or log-append time, per the topic).</param>
/// <param name="Headers">The message's headers, in order; a header may repeat and its value may be null.</param>
public sealed record KafkaRecord<TKey, TValue>(
    TKey Key,
    TValue Value,
    string Topic,
    int Partition,
    long Offset,
    DateTimeOffset Timestamp,
    IReadOnlyList<KeyValuePair<string, byte[]?>> Headers);
