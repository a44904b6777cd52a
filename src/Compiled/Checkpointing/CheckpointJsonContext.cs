using System.Text.Json.Serialization;

namespace Compiled.Checkpointing;

/// <summary>Source-generated JSON metadata for every checkpoint document: no reflection at run time.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(OffsetLogEntry))]
[JsonSerializable(typeof(CommitLogEntry))]
[JsonSerializable(typeof(QueryMetadata))]
[JsonSerializable(typeof(OperatorMetadata))]
internal sealed partial class CheckpointJsonContext : JsonSerializerContext
{
}
