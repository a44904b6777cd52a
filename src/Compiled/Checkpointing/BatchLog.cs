using System.Globalization;
using System.Text.Json.Serialization.Metadata;
using Compiled.IO;

namespace Compiled.Checkpointing;

/// <summary>
/// A directory with one durable file per batch, named by the batch id (<c>offsets/</c>, <c>commits/</c>).
/// </summary>
/// <remarks>Entries are never replaced: writing an id that exists means another run wrote it.</remarks>
internal sealed class BatchLog<T>
    where T : class, IBatchLogEntry
{
    private readonly JsonTypeInfo<T> _typeInfo;
    private readonly string _queryName;
    private readonly int _version;

    internal BatchLog(string directory, JsonTypeInfo<T> typeInfo, string queryName, int version)
    {
        Directory = directory;
        _typeInfo = typeInfo;
        _queryName = queryName;
        _version = version;
        DurableFile.CreateDirectory(directory);
        DurableFile.DeleteLeftovers(directory);
    }

    /// <summary>The log's directory.</summary>
    internal string Directory { get; }

    /// <summary>Path of the entry of <paramref name="batchId"/>.</summary>
    internal string PathOf(long batchId) => Path.Combine(Directory, batchId.ToString(CultureInfo.InvariantCulture));

    /// <summary>Durably writes the entry of its batch id.</summary>
    /// <exception cref="CheckpointException">The entry already exists.</exception>
    internal void Write(T entry)
    {
        string path = PathOf(entry.BatchId);
        if (!CheckpointFile.Write(path, entry, _typeInfo, overwrite: false))
            throw new CheckpointException(path,
                $"Query '{_queryName}': checkpoint entry '{path}' already exists. Is another run of this query using the same checkpoint location?");
    }

    /// <summary>Reads the entry of <paramref name="batchId"/>, checking that it describes that batch.</summary>
    internal T Read(long batchId)
    {
        string path = PathOf(batchId);
        if (!File.Exists(path))
            throw new CheckpointException(path, $"Query '{_queryName}': checkpoint entry '{path}' is missing.");
        T entry = CheckpointFile.Read(path, _typeInfo, _queryName, _version);
        if (entry.BatchId != batchId)
            throw new CheckpointException(path,
                $"Query '{_queryName}': checkpoint entry '{path}' describes batch {entry.BatchId}, not batch {batchId}; the file was renamed or damaged.");
        return entry;
    }

    /// <summary>The ids present, ascending; other files (temporaries, stray names) are ignored.</summary>
    internal List<long> BatchIds()
    {
        var ids = new List<long>();
        foreach (string file in System.IO.Directory.EnumerateFiles(Directory))
        {
            string name = Path.GetFileName(file);
            if (IsBatchIdName(name)) ids.Add(long.Parse(name, NumberStyles.None, CultureInfo.InvariantCulture));
        }
        ids.Sort();
        return ids;
    }

    /// <summary>The highest id present, or null for an empty log.</summary>
    internal long? Latest()
    {
        List<long> ids = BatchIds();
        return ids.Count == 0 ? null : ids[^1];
    }

    /// <summary>Deletes the entries of batches older than <paramref name="oldestToKeep"/>.</summary>
    internal void PurgeBefore(long oldestToKeep)
    {
        foreach (long id in BatchIds())
        {
            if (id >= oldestToKeep) break;
            File.Delete(PathOf(id));
        }
    }

    private static bool IsBatchIdName(string name)
    {
        // Up to 18 digits always fits a long; longer names are not ours.
        const int MaxDigits = 18;
        if (name.Length == 0 || name.Length > MaxDigits) return false;
        foreach (char c in name)
            if (c is < '0' or > '9') return false;
        return true;
    }
}
