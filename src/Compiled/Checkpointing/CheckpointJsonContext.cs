using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Compiled.Checkpointing;

/// <summary>Source-generated JSON metadata for every checkpoint document: no reflection at run time.</summary>
[JsonSerializable(typeof(OffsetLogEntry))]
[JsonSerializable(typeof(CommitLogEntry))]
[JsonSerializable(typeof(QueryMetadata))]
[JsonSerializable(typeof(OperatorMetadata))]
internal sealed partial class CheckpointJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The context the checkpoint uses: camelCase, indented, and without escaping characters such as
    /// <c>&lt;</c>, <c>&gt;</c> or non-ASCII letters, so names and fingerprints stay readable in the files
    /// (they are never embedded in HTML, the only reason for the default escaping).
    /// </summary>
    internal static CheckpointJsonContext Checkpoint { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        RespectRequiredConstructorParameters = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
