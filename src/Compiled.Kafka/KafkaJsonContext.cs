using System.Text.Json.Serialization;

namespace Compiled.Kafka;

/// <summary>Source-generated JSON metadata for what the Kafka source and sink write themselves.</summary>
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(SinkProgressRecord))]
[JsonSerializable(typeof(Dictionary<string, Dictionary<string, long>>))]
internal sealed partial class KafkaJsonContext : JsonSerializerContext
{
}
