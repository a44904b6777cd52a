using System.Text.Json;
using Compiled.Batches;
using Compiled.Sources.Files;
using Compiled.Sources.Files.Csv;

namespace Compiled.Sinks.Files;

/// <summary>
/// Reads what a <see cref="FileSink{T}"/> committed: only files listed in a manifest, in batch order, so files
/// of a crashed, uncommitted attempt are never seen.
/// </summary>
public static class FileSinkReader
{
    /// <summary>Full paths of the committed data files under <paramref name="path"/>, in batch order.</summary>
    /// <exception cref="FileNotFoundException">A manifest lists a file that no longer exists.</exception>
    public static IReadOnlyList<string> CommittedFiles(string path)
    {
        string root = Path.GetFullPath(path);
        var files = new List<string>();
        foreach (var (batchId, entries) in FileSinkManifest.ReadAll(root))
        {
            foreach (var entry in entries)
            {
                string full = Path.Combine(root, entry.Name);
                if (!File.Exists(full))
                    throw new FileNotFoundException($"File sink '{root}': batch {batchId} lists data file '{entry.Name}', which does not exist.", full);
                files.Add(full);
            }
        }
        return files;
    }

    /// <summary>The committed rows of a JSON-lines file sink at <paramref name="path"/>.</summary>
    /// <param name="path">The sink's output directory.</param>
    /// <param name="options">Serializer options; case-insensitive property names when null.</param>
    public static IReadOnlyList<T> ReadJsonLines<T>(string path, JsonSerializerOptions? options = null) =>
        ReadAll(path, new JsonLineFormat<T>(options));

    /// <summary>The committed rows of a CSV file sink at <paramref name="path"/>.</summary>
    public static IReadOnlyList<T> ReadCsv<T>(string path) => ReadAll(path, new CsvFormat<T>());

    private static T[] ReadAll<T>(string path, IFileFormat<T> format)
    {
        using var rows = BatchPool.Rent<T>();
        using var failOnBadRecord = BadRecordHandler.Failing();
        foreach (string file in CommittedFiles(path)) format.ReadFile(file, rows, failOnBadRecord);
        return rows.Span.ToArray();
    }
}
