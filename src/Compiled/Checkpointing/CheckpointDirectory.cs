using Compiled.IO;
using Compiled.Plans;

namespace Compiled.Checkpointing;

/// <summary>
/// The layout of one query's checkpoint and the checks made when a query opens it:
/// <code>
/// metadata                      query id, name, plan fingerprint (written once)
/// offsets/N                     write-ahead log: the ranges, watermark and timestamp of batch N
/// commits/N                     batch N is done
/// state/&lt;operatorId&gt;/_metadata  operator name and state schema fingerprint
/// state/…                       the state store's own files
/// sources/&lt;i&gt;/                  private to source i
/// sink/                         private to the sink
/// </code>
/// See docs/checkpoints.md.
/// </summary>
internal sealed class CheckpointDirectory : IDisposable
{
    private const string MetadataFileName = "metadata";
    private const string OperatorMetadataFileName = "_metadata";

    private readonly CheckpointLock _lock;

    private CheckpointDirectory(string root, string queryName, QueryMetadata metadata, bool isNew, CheckpointLock held)
    {
        _lock = held;
        Root = root;
        QueryName = queryName;
        Metadata = metadata;
        IsNew = isNew;
        Offsets = new BatchLog<OffsetLogEntry>(Path.Combine(root, "offsets"), CheckpointJsonContext.Checkpoint.OffsetLogEntry, queryName, OffsetLogEntry.CurrentVersion);
        Commits = new BatchLog<CommitLogEntry>(Path.Combine(root, "commits"), CheckpointJsonContext.Checkpoint.CommitLogEntry, queryName, CommitLogEntry.CurrentVersion);
    }

    /// <summary>The checkpoint's root directory (absolute).</summary>
    internal string Root { get; }

    /// <summary>The query name, for messages.</summary>
    internal string QueryName { get; }

    /// <summary>The query's metadata: its id survives restarts.</summary>
    internal QueryMetadata Metadata { get; }

    /// <summary>True when this open created the checkpoint.</summary>
    internal bool IsNew { get; }

    /// <summary>The offsets log (write-ahead).</summary>
    internal BatchLog<OffsetLogEntry> Offsets { get; }

    /// <summary>The commit log.</summary>
    internal BatchLog<CommitLogEntry> Commits { get; }

    /// <summary>Root of the state stores' files.</summary>
    internal string StateDirectory => Path.Combine(Root, "state");

    /// <summary>The sink's private directory.</summary>
    internal string SinkDirectory => Path.Combine(Root, "sink");

    /// <summary>The private directory of source <paramref name="index"/>.</summary>
    internal string SourceDirectory(int index) => Path.Combine(Root, "sources", index.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// Opens (creating when absent) the checkpoint at <paramref name="root"/> for the query
    /// <paramref name="queryName"/> with plan <paramref name="planFingerprint"/>.
    /// </summary>
    /// <exception cref="CheckpointException">The checkpoint belongs to another query or plan, or is damaged.</exception>
    internal static CheckpointDirectory Open(string root, string queryName, string planFingerprint)
    {
        root = DurableFile.CreateDirectory(root);
        // Taken before anything is read or cleaned up: the leftovers may belong to a run still writing.
        var held = CheckpointLock.Acquire(root, queryName);
        try
        {
            return OpenLocked(root, queryName, planFingerprint, held);
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    private static CheckpointDirectory OpenLocked(string root, string queryName, string planFingerprint, CheckpointLock held)
    {
        DurableFile.DeleteLeftovers(root);
        string metadataPath = Path.Combine(root, MetadataFileName);
        if (File.Exists(metadataPath))
        {
            var metadata = CheckpointFile.Read(metadataPath, CheckpointJsonContext.Checkpoint.QueryMetadata, queryName, QueryMetadata.CurrentVersion);
            if (!string.Equals(metadata.Name, queryName, StringComparison.Ordinal))
                throw new CheckpointException(metadataPath,
                    $"Checkpoint '{root}' belongs to query '{metadata.Name}', not to query '{queryName}'. Use a separate checkpoint location per query.");
            if (!string.Equals(metadata.PlanFingerprint, planFingerprint, StringComparison.Ordinal))
                throw new CheckpointException(metadataPath,
                    $"Query '{queryName}': checkpoint '{root}' was written by a plan with fingerprint '{metadata.PlanFingerprint}', " +
                    $"but the plan now has fingerprint '{planFingerprint}'. The query's shape changed; start it with a new checkpoint location.");
            return new CheckpointDirectory(root, queryName, metadata, isNew: false, held);
        }

        string offsets = Path.Combine(root, "offsets");
        if (Directory.Exists(offsets) && Directory.EnumerateFileSystemEntries(offsets).Any())
            throw new CheckpointException(metadataPath,
                $"Query '{queryName}': checkpoint '{root}' has an offsets log but no metadata file '{metadataPath}'; it is damaged.");
        var created = new QueryMetadata
        {
            Version = QueryMetadata.CurrentVersion,
            Id = Guid.NewGuid(),
            Name = queryName,
            PlanFingerprint = planFingerprint,
        };
        if (!CheckpointFile.Write(metadataPath, created, CheckpointJsonContext.Checkpoint.QueryMetadata, overwrite: false))
            throw new CheckpointException(metadataPath, $"Query '{queryName}': another query created checkpoint '{root}' at the same time.");
        return new CheckpointDirectory(root, queryName, created, isNew: true, held);
    }

    /// <summary>
    /// Writes each stateful operator's <c>_metadata</c> on first use and compares it on later runs.
    /// </summary>
    /// <exception cref="CheckpointException">An operator's state schema changed, naming the operator.</exception>
    internal void CheckStateOperators(IReadOnlyList<StateOperatorInfo> operators)
    {
        foreach (var op in operators)
        {
            if (string.IsNullOrWhiteSpace(op.OperatorId) || op.OperatorId.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || op.OperatorId is "." or "..")
                throw new CheckpointException(StateDirectory,
                    $"Query '{QueryName}': state operator id '{op.OperatorId}' ({op.OperatorName}) cannot name a directory.");
            string directory = Path.Combine(StateDirectory, op.OperatorId);
            string path = Path.Combine(directory, OperatorMetadataFileName);
            if (File.Exists(path))
            {
                var stored = CheckpointFile.Read(path, CheckpointJsonContext.Checkpoint.OperatorMetadata, QueryName, OperatorMetadata.CurrentVersion);
                if (!string.Equals(stored.SchemaFingerprint, op.SchemaFingerprint, StringComparison.Ordinal))
                    throw new CheckpointException(path,
                        $"Query '{QueryName}': the state schema of operator '{op.OperatorId}' ({op.OperatorName}) changed: the checkpoint holds " +
                        $"state of '{stored.OperatorName}' with schema fingerprint '{stored.SchemaFingerprint}', the plan expects '{op.SchemaFingerprint}'. " +
                        "Stateful operators cannot change between restarts; start the query with a new checkpoint location.");
                continue;
            }
            DurableFile.CreateDirectory(directory);
            var metadata = new OperatorMetadata
            {
                Version = OperatorMetadata.CurrentVersion,
                OperatorId = op.OperatorId,
                OperatorName = op.OperatorName,
                SchemaFingerprint = op.SchemaFingerprint,
            };
            CheckpointFile.Write(path, metadata, CheckpointJsonContext.Checkpoint.OperatorMetadata, overwrite: false);
        }
    }

    /// <summary>
    /// Compares the state store types the plan opens operator <paramref name="op"/> with against those its
    /// <c>_metadata</c> recorded, then records them (and the metadata itself, if the state store's own set-up removed it).
    /// </summary>
    /// <exception cref="CheckpointException">The types differ; the message names what differs.</exception>
    internal void CheckStateTypes(StateOperatorInfo op, string keyType, string valueType)
    {
        string path = Path.Combine(StateDirectory, op.OperatorId, OperatorMetadataFileName);
        OperatorMetadata? stored = File.Exists(path)
            ? CheckpointFile.Read(path, CheckpointJsonContext.Checkpoint.OperatorMetadata, QueryName, OperatorMetadata.CurrentVersion)
            : null;
        if (stored is { KeyType: not null, ValueType: not null })
        {
            var differences = new List<string>(2);
            if (!string.Equals(stored.KeyType, keyType, StringComparison.Ordinal)) differences.Add(TypeDifference("key", stored.KeyType, keyType));
            if (!string.Equals(stored.ValueType, valueType, StringComparison.Ordinal)) differences.Add(TypeDifference("value", stored.ValueType, valueType));
            if (differences.Count == 0) return;
            throw new CheckpointException(path,
                $"Query '{QueryName}': the state of operator '{op.OperatorId}' ({op.OperatorName}) cannot be recovered: " +
                string.Join("; ", differences) + ". State is read back as the types it was written with; " +
                "move the types back, or start the query with a new checkpoint location.");
        }
        DurableFile.CreateDirectory(Path.GetDirectoryName(path)!);
        var metadata = new OperatorMetadata
        {
            Version = OperatorMetadata.CurrentVersion,
            OperatorId = op.OperatorId,
            OperatorName = stored?.OperatorName ?? op.OperatorName,
            SchemaFingerprint = stored?.SchemaFingerprint ?? op.SchemaFingerprint,
            KeyType = keyType,
            ValueType = valueType,
        };
        CheckpointFile.Write(path, metadata, CheckpointJsonContext.Checkpoint.OperatorMetadata, overwrite: true);
    }

    /// <summary>Says how two type names differ: a type that only moved reads differently from one that changed.</summary>
    private static string TypeDifference(string role, string before, string now)
    {
        int splitBefore = before.LastIndexOfAny(['.', '+']);
        int splitNow = now.LastIndexOfAny(['.', '+']);
        string nameBefore = before[(splitBefore + 1)..];
        string nameNow = now[(splitNow + 1)..];
        if (string.Equals(nameBefore, nameNow, StringComparison.Ordinal) && splitBefore > 0 && splitNow > 0)
            return $"its {role} type '{nameBefore}' was declared in '{before[..splitBefore]}' and is now declared in '{now[..splitNow]}' " +
                "(the query, or its state type, moved to another class or namespace)";
        return $"its {role} type was '{before}' and is now '{now}'";
    }

    /// <summary>Deletes offsets and commits entries of batches older than <paramref name="oldestToKeep"/>.</summary>
    internal void PurgeBefore(long oldestToKeep)
    {
        // Recovery reads only the latest entries, so a crash between these two deletions is harmless.
        Commits.PurgeBefore(oldestToKeep);
        Offsets.PurgeBefore(oldestToKeep);
    }

    /// <summary>Releases the checkpoint's lock; the run is over.</summary>
    public void Dispose() => _lock.Dispose();
}
