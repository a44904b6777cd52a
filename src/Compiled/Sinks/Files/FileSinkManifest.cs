using System.Globalization;
using System.Text;
using System.Text.Json;
using Compiled.IO;

namespace Compiled.Sinks.Files;

/// <summary>
/// The file sink's commit log: <c>_manifest/&lt;batchId&gt;</c> lists the data files of that batch. A batch is
/// committed exactly when its manifest exists; readers take only the files manifests list.
/// </summary>
/// <remarks>Format: a <c>v1</c> line, then one JSON object per data file. Written durably (temp, fsync, rename),
/// after the data files themselves are durable.</remarks>
internal static class FileSinkManifest
{
    /// <summary>Directory of manifests inside the sink directory.</summary>
    public const string DirectoryName = "_manifest";

    private const string Version = "v1";

    /// <summary>Path of the manifest of <paramref name="batchId"/>.</summary>
    public static string PathFor(string root, long batchId) =>
        Path.Combine(root, DirectoryName, batchId.ToString(CultureInfo.InvariantCulture));

    /// <summary>Durably writes the manifest of <paramref name="batchId"/>, committing the batch.</summary>
    public static void Write(string root, long batchId, IReadOnlyList<FileSinkManifestEntry> files)
    {
        var text = new StringBuilder(Version).Append('\n');
        foreach (var file in files)
        {
            text.Append("{\"name\":").Append(JsonSerializer.Serialize(file.Name))
                .Append(",\"size\":").Append(file.Size.ToString(CultureInfo.InvariantCulture))
                .Append(",\"rows\":").Append(file.Rows.ToString(CultureInfo.InvariantCulture))
                .Append("}\n");
        }
        DurableFile.WriteAllText(PathFor(root, batchId), text.ToString());
    }

    /// <summary>Every committed batch of the sink in <paramref name="root"/>, in batch order.</summary>
    public static SortedDictionary<long, FileSinkManifestEntry[]> ReadAll(string root)
    {
        var batches = new SortedDictionary<long, FileSinkManifestEntry[]>();
        foreach (long batchId in BatchIds(root)) batches.Add(batchId, ReadBatch(root, batchId));
        return batches;
    }

    /// <summary>Ids of the committed batches of the sink in <paramref name="root"/>, unordered; none when it has no manifest directory.</summary>
    public static IEnumerable<long> BatchIds(string root)
    {
        string directory = Path.Combine(root, DirectoryName);
        if (!Directory.Exists(directory)) yield break;
        foreach (string path in Directory.EnumerateFiles(directory))
        {
            if (long.TryParse(Path.GetFileName(path), NumberStyles.None, CultureInfo.InvariantCulture, out long batchId))
                yield return batchId;
        }
    }

    /// <summary>The data files of committed batch <paramref name="batchId"/>.</summary>
    public static FileSinkManifestEntry[] ReadBatch(string root, long batchId) => Read(PathFor(root, batchId));

    private static FileSinkManifestEntry[] Read(string path)
    {
        var files = new List<FileSinkManifestEntry>();
        VersionedJsonLines.Read(path, Version, (line, detail) => Corrupt(path, line, detail), (root, line) =>
            files.Add(new FileSinkManifestEntry(
                root.GetProperty("name").GetString() ?? throw Corrupt(path, line, "null name"),
                root.GetProperty("size").GetInt64(),
                root.GetProperty("rows").GetInt64())));
        return files.ToArray();
    }

    private static InvalidDataException Corrupt(string path, int line, string detail) =>
        new($"File sink manifest '{path}' is corrupt at line {line}: {detail}.");
}
