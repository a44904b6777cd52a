using Compiled.IO;
using System.Runtime.CompilerServices;
using Compiled.State.Faster;
using Compiled.State.Serializers;
using Microsoft.Extensions.Logging;

namespace Compiled.State;

/// <summary>
/// Keeps every stateful operator's state in its own FASTER store under the checkpoint's <c>state/</c> folder,
/// versioned by batch id.
/// </summary>
/// <remarks>
/// <para>Layout: <c>state/&lt;operatorId&gt;/gen-&lt;n&gt;/</c> per store generation (log segments and FASTER
/// checkpoints) and <c>state/_versions/&lt;N&gt;.json</c>, the durable map from batch N to each store's generation,
/// FASTER checkpoint tokens and row count. A version exists only once its manifest has been renamed into place,
/// after every store's FASTER checkpoint completed. docs/state-store.md describes the whole design.</para>
/// <para>Recovery to N restores each store from the tokens in <c>N.json</c>; FASTER resets the log tail to that
/// checkpoint, so writes of a batch that crashed before its commit are gone. Manifests above N describe that
/// abandoned future and are deleted when the provider opens. Every store must be obtained before the first
/// <see cref="Checkpoint"/>: a version holds exactly the stores opened when it was written.</para>
/// <para>Unmanaged keys and values go into FASTER as they are; any other type needs a serializer (the operator's,
/// or a built-in one from <see cref="StateSerializers"/>).</para>
/// </remarks>
internal sealed class FasterStateStoreProvider : IDisposable
{
    private readonly string _stateDirectory;
    private readonly string _versionsDirectory;
    private readonly long? _recoverToBatchId;
    private readonly FasterStoreLayout _layout;
    private readonly ILoggerFactory? _loggerFactory;
    private readonly ILogger? _logger;
    private readonly List<IFasterStateStore> _stores = [];
    private readonly Dictionary<string, IFasterStateStore> _storesById = new(StringComparer.Ordinal);
    private StateVersionManifest? _recoveryManifest;
    private bool _disposed;

    /// <summary>Opens the state of one query run.</summary>
    /// <param name="stateDirectory">The checkpoint's <c>state/</c> folder (created when missing).</param>
    /// <param name="recoverToBatchId">The last committed batch, whose state version every store is recovered to;
    /// null for a query with no committed batch, whose stores start empty (leftovers of an uncommitted run are deleted).</param>
    /// <param name="memoryBudgetBytes">Memory per store before FASTER spills records to disk; at least 1 MiB.</param>
    /// <param name="loggerFactory">Logging; none when null.</param>
    public FasterStateStoreProvider(string stateDirectory, long? recoverToBatchId, long memoryBudgetBytes, ILoggerFactory? loggerFactory)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateDirectory);
        if (recoverToBatchId < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(recoverToBatchId), recoverToBatchId, "A batch id is never negative.");
        }

        _layout = FasterStoreLayout.FromBudget(memoryBudgetBytes);
        _stateDirectory = Path.GetFullPath(stateDirectory);
        _versionsDirectory = Path.Combine(_stateDirectory, StateVersionManifest.DirectoryName);
        _recoverToBatchId = recoverToBatchId;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory?.CreateLogger<FasterStateStoreProvider>();
        DurableFile.CreateDirectory(_stateDirectory);
        DurableFile.DeleteLeftovers(_versionsDirectory);
        DiscardVersionsAfter(recoverToBatchId ?? -1);
    }

    /// <summary>Gets (creating or recovering on first call) the FASTER store of <paramref name="operatorId"/>.</summary>
    public IBaseStore<TKey, TValue> GetStore<TKey, TValue>(string operatorId, IStateSerializer<TKey>? keySerializer, IStateSerializer<TValue>? valueSerializer)
        where TKey : notnull
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ValidateOperatorId(operatorId);
        if (_storesById.TryGetValue(operatorId, out IFasterStateStore? existing))
        {
            return existing as IBaseStore<TKey, TValue>
                ?? throw new InvalidOperationException(
                    $"State of operator '{operatorId}' was opened as {existing.Schema} and is now asked for as {StateSchema.For<TKey, TValue>()}.");
        }

        OperatorCheckpoint? checkpoint = _recoverToBatchId is long batchId ? FindCheckpoint(operatorId, batchId) : null;
        StateSchema schema = StateSchema.For<TKey, TValue>();
        if (checkpoint is not null && checkpoint.Schema != schema)
        {
            throw new InvalidDataException(
                $"State of operator '{operatorId}' at batch {_recoverToBatchId} holds {checkpoint.Schema}, but the query now " +
                $"stores {schema}. The operator's state schema changed since the checkpoint was written; start from a new checkpoint location.");
        }

        string directory = Path.Combine(_stateDirectory, operatorId);
        if (checkpoint is null && Directory.Exists(directory))
        {
            // No committed version of this store exists: whatever is here was written by a run that never committed.
            Directory.Delete(directory, recursive: true);
        }

        var options = new StoreOptions(operatorId, directory, _layout, _loggerFactory, _recoverToBatchId ?? -1);
        IFasterStateStore store = CreateStore(options, keySerializer, valueSerializer);
        try
        {
            store.Open(checkpoint);
        }
        catch
        {
            store.Dispose();
            throw;
        }

        if (checkpoint is not null)
        {
            _logger?.LogInformation("Recovered state of operator {Operator} to batch {Batch}: {Count} keys",
                operatorId, _recoverToBatchId, checkpoint.Count);
        }

        _stores.Add(store);
        _storesById.Add(operatorId, store);
        return (IBaseStore<TKey, TValue>)store;
    }

    /// <summary>Makes every store's writes up to now durable as base version <paramref name="batchId"/>.</summary>
    public void Checkpoint(long batchId)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var entries = new List<OperatorCheckpoint>(_stores.Count);
        foreach (IFasterStateStore store in _stores)
        {
            entries.Add(store.Checkpoint());
        }
        Compiled.Diagnostics.CrashPoints.Hit(Compiled.Diagnostics.CrashPoints.StateMidCheckpoint, batchId, queryName: null);

        // Written last: version N exists only when every store's checkpoint is durable.
        new StateVersionManifest(batchId, entries).Write(_versionsDirectory);
    }

    /// <summary>Per-operator metrics of the last checkpoint, in operator order.</summary>
    public IReadOnlyList<StateStoreMetrics> CollectMetrics()
    {
        var metrics = new StateStoreMetrics[_stores.Count];
        for (int i = 0; i < metrics.Length; i++)
        {
            metrics[i] = _stores[i].CollectMetrics();
        }

        return metrics;
    }

    /// <summary>Deletes versions older than <paramref name="oldestBatchToKeep"/> and the files only they used.</summary>
    public void Purge(long oldestBatchToKeep)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        List<long> versions = StateVersionManifest.ListVersions(_versionsDirectory);
        foreach (long version in versions)
        {
            if (version < oldestBatchToKeep)
            {
                DurableFile.Delete(StateVersionManifest.PathOf(_versionsDirectory, version));
            }
        }

        // Generations and FASTER checkpoints still named by a retained version survive; everything else goes.
        var retained = new Dictionary<string, List<OperatorCheckpoint>>(StringComparer.Ordinal);
        foreach (long version in versions)
        {
            if (version >= oldestBatchToKeep && StateVersionManifest.TryRead(_versionsDirectory, version) is { } manifest)
            {
                foreach (OperatorCheckpoint entry in manifest.Operators)
                {
                    if (!retained.TryGetValue(entry.OperatorId, out List<OperatorCheckpoint>? entries))
                    {
                        retained[entry.OperatorId] = entries = [];
                    }

                    entries.Add(entry);
                }
            }
        }

        foreach (IFasterStateStore store in _stores)
        {
            store.Purge(retained.TryGetValue(store.OperatorId, out List<OperatorCheckpoint>? entries) ? entries : []);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (IFasterStateStore store in _stores)
        {
            store.Dispose();
        }

        _stores.Clear();
        _storesById.Clear();
    }

    private static IFasterStateStore CreateStore<TKey, TValue>(StoreOptions options, IStateSerializer<TKey>? keySerializer, IStateSerializer<TValue>? valueSerializer)
        where TKey : notnull
    {
        bool keyRaw = !RuntimeHelpers.IsReferenceOrContainsReferences<TKey>();
        bool valueRaw = !RuntimeHelpers.IsReferenceOrContainsReferences<TValue>();
        if (keyRaw && valueRaw)
        {
            return new BlittableFasterStore<TKey, TValue>(options);
        }

        return new SerializedFasterStore<TKey, TValue>(
            options,
            keySerializer ?? StateSerializers.Default<TKey>() ?? throw MissingSerializer<TKey>(options.OperatorId, "key"),
            valueSerializer ?? StateSerializers.Default<TValue>() ?? throw MissingSerializer<TValue>(options.OperatorId, "value"));
    }

    private static InvalidOperationException MissingSerializer<T>(string operatorId, string role) =>
        new($"State of operator '{operatorId}' has {role} type {TypeNames.Format(typeof(T))}, which holds references and so " +
            $"needs an IStateSerializer<{typeof(T).Name}>; none was given and there is no built-in one.");

    private OperatorCheckpoint FindCheckpoint(string operatorId, long batchId)
    {
        _recoveryManifest ??= StateVersionManifest.TryRead(_versionsDirectory, batchId)
            ?? throw new InvalidDataException(
                $"State version {batchId} is missing from '{_versionsDirectory}': the checkpoint's state was deleted or " +
                $"purged, or it was written by another kind of state store.");

        foreach (OperatorCheckpoint entry in _recoveryManifest.Operators)
        {
            if (entry.OperatorId == operatorId)
            {
                return entry;
            }
        }

        string known = _recoveryManifest.Operators.Count == 0 ? "none" : string.Join(", ", _recoveryManifest.Operators.Select(o => o.OperatorId));
        throw new InvalidDataException(
            $"State version {batchId} has no state for operator '{operatorId}' (it has: {known}). The query's stateful " +
            "operators changed since the checkpoint was written; start from a new checkpoint location.");
    }

    private void ValidateOperatorId(string operatorId)
    {
        ArgumentException.ThrowIfNullOrEmpty(operatorId);
        foreach (char c in operatorId)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.'))
            {
                throw new ArgumentException($"Operator id '{operatorId}' names a state directory, so it may hold only ASCII letters, digits, '-', '_' and '.'.", nameof(operatorId));
            }
        }

        if (operatorId[0] is '_' or '.')
        {
            throw new ArgumentException($"Operator id '{operatorId}' may not start with '_' or '.' (reserved for the state directory's own files).", nameof(operatorId));
        }
    }

    private void DiscardVersionsAfter(long batchId)
    {
        foreach (long version in StateVersionManifest.ListVersions(_versionsDirectory))
        {
            if (version > batchId)
            {
                DurableFile.Delete(StateVersionManifest.PathOf(_versionsDirectory, version));
            }
        }
    }
}
