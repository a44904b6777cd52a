using Confluent.Kafka;

namespace Compiled.Kafka;

/// <summary>
/// What a consumed message holds besides its key and value, for rows that keep it (<see cref="KafkaRecord{TKey, TValue}"/>).
/// The timestamp and headers are filled in only when the consumer's <c>dotnet.consumer.consume.result.fields</c> asks
/// for them, as Confluent.Kafka does.
/// </summary>
/// <param name="Partition">The message's topic and partition.</param>
/// <param name="Offset">The message's offset.</param>
/// <param name="Timestamp">The message's timestamp (not available when not asked for).</param>
/// <param name="Headers">The message's headers (null when not asked for).</param>
internal readonly record struct KafkaMessageFields(TopicPartition Partition, long Offset, Timestamp Timestamp, Headers? Headers);
