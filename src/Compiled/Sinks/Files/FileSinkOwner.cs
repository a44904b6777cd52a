using System.Text.Json;
using Compiled.IO;

namespace Compiled.Sinks.Files;

/// <summary>
/// <c>_manifest/_owner</c>: the query (id and name) whose output a file sink directory holds. A batch id means
/// something only to the query that wrote it, so another query, or the same query restarted with a new checkpoint
/// (a new id), must not write there: its batch 0 would find batch 0's manifest and be dropped as a replay.
/// </summary>
internal static class FileSinkOwner
{
    private const string FileName = "_owner";
    private const string Version = "v1";

    /// <summary>Path of the owner file of the sink in <paramref name="root"/>.</summary>
    internal static string PathFor(string root) => Path.Combine(root, FileSinkManifest.DirectoryName, FileName);

    /// <summary>Reads the owner of <paramref name="root"/>, or null when none is recorded.</summary>
    internal static (Guid Id, string Name)? Read(string root)
    {
        string path = PathFor(root);
        if (!File.Exists(path)) return null;
        (Guid, string)? owner = null;
        VersionedJsonLines.Read(path, Version, (line, detail) => new InvalidDataException($"File sink owner '{path}' is corrupt at line {line}: {detail}."),
            (element, _) => owner = (element.GetProperty("queryId").GetGuid(), element.GetProperty("queryName").GetString() ?? ""));
        return owner ?? throw new InvalidDataException($"File sink owner '{path}' names no query.");
    }

    /// <summary>Durably records <paramref name="queryId"/> as the owner of <paramref name="root"/>.</summary>
    internal static void Write(string root, Guid queryId, string queryName) =>
        DurableFile.WriteAllText(PathFor(root),
            Version + "\n{\"queryId\":\"" + queryId.ToString("D") + "\",\"queryName\":" + JsonSerializer.Serialize(queryName) + "}\n");
}
