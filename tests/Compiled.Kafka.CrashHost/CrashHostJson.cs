using System.Text.Json.Serialization;
using Compiled.CrashHost;

namespace Compiled.Kafka.CrashHost;

/// <summary>Source-generated JSON metadata of the input and output rows.</summary>
[JsonSerializable(typeof(Event))]
[JsonSerializable(typeof(KeyTotal))]
public sealed partial class CrashHostJson : JsonSerializerContext
{
}
