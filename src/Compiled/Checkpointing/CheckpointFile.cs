using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Compiled.IO;

namespace Compiled.Checkpointing;

/// <summary>Reads and writes one JSON document of a checkpoint, turning every failure into a message naming the file.</summary>
internal static class CheckpointFile
{
    /// <summary>Durably writes <paramref name="entry"/>; returns false when the file exists and may not be replaced.</summary>
    internal static bool Write<T>(string path, T entry, JsonTypeInfo<T> typeInfo, bool overwrite)
    {
        byte[] bytes = JsonSerializer.SerializeToUtf8Bytes(entry, typeInfo);
        return DurableFile.Write(path, bytes, overwrite);
    }

    /// <summary>Reads and validates the document at <paramref name="path"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="typeInfo">The document's JSON metadata.</param>
    /// <param name="queryName">Named in error messages.</param>
    /// <param name="supportedVersion">The only format version this runtime reads.</param>
    internal static T Read<T>(string path, JsonTypeInfo<T> typeInfo, string queryName, int supportedVersion)
        where T : ICheckpointEntry
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (IOException e)
        {
            throw new CheckpointException(path, $"Query '{queryName}': cannot read checkpoint file '{path}': {e.Message}", e);
        }
        if (bytes.Length == 0)
            throw Corrupt(path, queryName, "it is empty", null);
        T? entry;
        try
        {
            entry = JsonSerializer.Deserialize(bytes, typeInfo);
        }
        catch (JsonException e)
        {
            string where = e.LineNumber is long line ? $"line {line + 1}, byte {e.BytePositionInLine + 1}" : "unknown position";
            string what = e.Message.Contains("missing required", StringComparison.OrdinalIgnoreCase)
                ? $"a required field is missing ({where})"
                : $"it is not a complete JSON document ({where})";
            throw Corrupt(path, queryName, what, e);
        }
        if (entry is null)
            throw Corrupt(path, queryName, "it holds null", null);
        if (entry.Version != supportedVersion)
            throw new CheckpointException(path,
                $"Query '{queryName}': checkpoint file '{path}' has format version {entry.Version}, but this runtime reads only version {supportedVersion}.");
        return entry;
    }

    private static CheckpointException Corrupt(string path, string queryName, string what, Exception? inner) =>
        new(path,
            $"Query '{queryName}': checkpoint file '{path}' is truncated or corrupt: {what}. " +
            "Restore it from a backup or start the query with a new checkpoint location.",
            inner);
}
