using Compiled.IO;
using System.Globalization;
using System.Text.Json;

namespace Compiled.State.Faster;

/// <summary>
/// The durable record of state version N (<c>state/_versions/N.json</c>): for every operator, the FASTER checkpoint
/// tokens that restore exactly the state written by <c>Checkpoint(N)</c>. FASTER numbers its own versions; this
/// file is the map from batch ids to them.
/// </summary>
internal sealed record StateVersionManifest(long BatchId, IReadOnlyList<OperatorCheckpoint> Operators)
{
    /// <summary>Folder under the state directory that holds the manifests; operator ids may not start with '_'.</summary>
    public const string DirectoryName = "_versions";

    private const string Extension = ".json";

    /// <summary>Path of version <paramref name="batchId"/>'s manifest.</summary>
    public static string PathOf(string versionsDirectory, long batchId) =>
        Path.Combine(versionsDirectory, batchId.ToString(CultureInfo.InvariantCulture) + Extension);

    /// <summary>The batch ids that have a manifest, ascending.</summary>
    public static List<long> ListVersions(string versionsDirectory)
    {
        var versions = new List<long>();
        if (!Directory.Exists(versionsDirectory))
        {
            return versions;
        }

        foreach (string file in Directory.EnumerateFiles(versionsDirectory, "*" + Extension))
        {
            if (long.TryParse(Path.GetFileNameWithoutExtension(file), NumberStyles.None, CultureInfo.InvariantCulture, out long id))
            {
                versions.Add(id);
            }
        }

        versions.Sort();
        return versions;
    }

    /// <summary>Writes the manifest durably (temp file, fsync, rename).</summary>
    public void Write(string versionsDirectory)
    {
        DurableFile.CreateDirectory(versionsDirectory);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("batchId", BatchId);
            json.WriteStartArray("operators");
            foreach (OperatorCheckpoint op in Operators)
            {
                json.WriteStartObject();
                json.WriteString("id", op.OperatorId);
                json.WriteString("keyType", op.Schema.KeyType);
                json.WriteString("valueType", op.Schema.ValueType);
                json.WriteString("keyEncoding", op.Schema.KeyEncoding);
                json.WriteString("valueEncoding", op.Schema.ValueEncoding);
                json.WriteNumber("generation", op.Generation);
                json.WriteString("indexToken", op.IndexToken);
                json.WriteString("logToken", op.LogToken);
                json.WriteNumber("count", op.Count);
                json.WriteNumber("indexBuckets", op.IndexBuckets);
                json.WriteStartArray("files");
                foreach (FileDigest file in op.Files)
                {
                    json.WriteStartObject();
                    json.WriteString("path", file.Path);
                    json.WriteNumber("length", file.Length);
                    if (file.Crc is uint crc) json.WriteNumber("crc", crc);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        DurableFile.Write(PathOf(versionsDirectory, BatchId), buffer.GetBuffer().AsSpan(0, (int)buffer.Length), overwrite: true);
    }

    /// <summary>Reads version <paramref name="batchId"/>; null when it was never written or has been purged.</summary>
    public static StateVersionManifest? TryRead(string versionsDirectory, long batchId)
    {
        string path = PathOf(versionsDirectory, batchId);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(path));
            JsonElement root = document.RootElement;
            var operators = new List<OperatorCheckpoint>();
            foreach (JsonElement op in root.GetProperty("operators").EnumerateArray())
            {
                var schema = new StateSchema(
                    op.GetProperty("keyType").GetString()!,
                    op.GetProperty("valueType").GetString()!,
                    op.GetProperty("keyEncoding").GetString()!,
                    op.GetProperty("valueEncoding").GetString()!);
                var files = new List<FileDigest>();
                foreach (JsonElement file in op.GetProperty("files").EnumerateArray())
                {
                    files.Add(new FileDigest(file.GetProperty("path").GetString()!, file.GetProperty("length").GetInt64(),
                        file.TryGetProperty("crc", out var crc) ? crc.GetUInt32() : null));
                }

                operators.Add(new OperatorCheckpoint(
                    op.GetProperty("id").GetString()!,
                    schema,
                    op.GetProperty("generation").GetInt32(),
                    op.GetProperty("indexToken").GetGuid(),
                    op.GetProperty("logToken").GetGuid(),
                    op.GetProperty("count").GetInt64(),
                    op.GetProperty("indexBuckets").GetInt64(),
                    files));
            }

            return new StateVersionManifest(root.GetProperty("batchId").GetInt64(), operators);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"State version file '{path}' is corrupt: {e.Message}", e);
        }
    }
}
