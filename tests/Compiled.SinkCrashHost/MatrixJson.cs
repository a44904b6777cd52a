using System.Text.Json.Serialization;
using Compiled.CrashHost;

namespace Compiled.SinkCrashHost;

/// <summary>Source-generated JSON metadata of the rows the Kafka sinks write, and the crash tests read back.</summary>
[JsonSerializable(typeof(KeyTotal))]
[JsonSerializable(typeof(Numbered))]
public sealed partial class MatrixJson : JsonSerializerContext
{
}
