using Compiled.Sinks.Files;

namespace Compiled.Sources.Files;

/// <summary>
/// When the source directory is the output of a file sink (it has a <c>_manifest</c> directory), only files
/// that a manifest lists are visible, so a query reading another query's output never sees the data files
/// of an uncommitted attempt (as Spark's file source honours <c>_spark_metadata</c>).
/// </summary>
/// <remarks>Manifests never change once written, so each is read once and its files remembered.</remarks>
internal sealed class SinkOutputFilter(string directory)
{
    private readonly HashSet<long> _batchesRead = [];
    private readonly HashSet<string> _committed = new(StringComparer.Ordinal);

    /// <summary>Reads manifests written since the last call; false when the directory is not a file sink's output.</summary>
    public bool Refresh()
    {
        if (!Directory.Exists(Path.Combine(directory, FileSinkManifest.DirectoryName))) return false;
        foreach (long batchId in FileSinkManifest.BatchIds(directory))
        {
            if (!_batchesRead.Add(batchId)) continue;
            foreach (var entry in FileSinkManifest.ReadBatch(directory, batchId)) _committed.Add(entry.Name);
        }
        return true;
    }

    /// <summary>True when a manifest lists <paramref name="name"/>.</summary>
    public bool IsCommitted(string name) => _committed.Contains(name);
}
