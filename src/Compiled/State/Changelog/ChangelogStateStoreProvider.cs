using System.Diagnostics;
using System.Text;
using Compiled.Aggregation;
using Compiled.Diagnostics;
using Compiled.State.Faster;
using Compiled.State.Serializers;
using Microsoft.Extensions.Logging;

namespace Compiled.State.Changelog;

/// <summary>
/// Durable state at memory speed (<see cref="StateStoreKind.Faster"/>): every operator's hot state in an in-memory
/// table; per batch, a checksummed changelog frame of what changed, fsynced before <c>commits/N</c>; every
/// <c>snapshotInterval</c> batches, the changes since the previous base applied to FASTER and checkpointed on a
/// background thread. docs/state-store.md describes the whole design.
/// </summary>
/// <remarks>
/// <para>Recovery to N: the base named in frame N (its manifest's checksum is in the frame, and the manifest holds the
/// sizes and checksums of FASTER's files), then the frames after that base up to N. A frame after N (torn or whole)
/// belongs to a batch that never committed and is cut off; anything wrong up to N is refused by name.</para>
/// <para>Retention: versions back to <c>Purge</c>'s oldest batch stay recoverable: the base the oldest retained frame
/// names, every later base, and the segments after it.</para>
/// </remarks>
internal sealed class ChangelogStateStoreProvider : IStateStoreProvider
{
    private readonly string _stateDirectory;
    private readonly long? _recoverToBatchId;
    private readonly long _tableBudgetBytes;
    private readonly int _snapshotInterval;
    private readonly ILogger? _logger;
    private readonly ChangelogFiles _files;
    private readonly FasterStateStoreProvider _base;
    private readonly object _baseLock = new();
    private readonly List<IChangelogStore> _stores = [];
    private readonly Dictionary<string, IChangelogStore> _storesById = new(StringComparer.Ordinal);
    private readonly ChangelogBuffer _frame = new();
    // Sections of the frame in flight that its durable part writes (window chunks, encoded there).
    private readonly List<IDeferredSection> _deferred = [];
    private readonly SortedDictionary<long, long> _frameBases = [];
    private readonly List<(long BatchId, string Segment, byte[] Payload)> _replay = [];
    private IReadOnlyList<StateStoreMetrics> _metrics = [];
    private long _baseBatchId = -1;
    private uint _baseManifestCrc;
    private long _lastHandOff = -1;
    private long _purgeBasesBefore = -1;
    private Task? _baseJob;
    private (long BatchId, uint Crc)? _pendingBase; // set by the base thread, read after its task completed
    private IReadOnlyList<StateStoreMetrics> _pendingBaseMetrics = [];
    private IReadOnlyList<StateStoreMetrics> _baseMetrics = [];
    private (long Apply, long Checkpoint) _pendingBaseTimes; // set by the base thread with _pendingBase
    private long _baseApplyMicros;
    private long _baseCheckpointMicros;
    private bool _frameInFlight; // from BeginCheckpoint until its frame is written (possibly on another thread)
    private bool _segmentEndsAfterFrame;
    private bool _disposed;

    /// <summary>Opens the state of one query run, recovering it to <paramref name="recoverToBatchId"/>.</summary>
    /// <param name="stateDirectory">The checkpoint's <c>state/</c> folder (created when missing).</param>
    /// <param name="recoverToBatchId">The last committed batch; null for a query with no committed batch (everything under <c>state/</c> is discarded).</param>
    /// <param name="memoryBudgetBytes">Memory per store: half for the in-memory table, half for FASTER; at least 1 MiB.</param>
    /// <param name="snapshotInterval">Batches between FASTER bases; at least 1.</param>
    /// <param name="loggerFactory">Logging; none when null.</param>
    /// <exception cref="InvalidDataException">A changelog segment or base file recovery needs is missing or damaged.</exception>
    public ChangelogStateStoreProvider(string stateDirectory, long? recoverToBatchId, long memoryBudgetBytes, int snapshotInterval, ILoggerFactory? loggerFactory)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(snapshotInterval, 1);
        FasterStoreLayout.FromBudget(memoryBudgetBytes); // the budget's own checks and message
        _stateDirectory = Path.GetFullPath(stateDirectory);
        _recoverToBatchId = recoverToBatchId;
        _tableBudgetBytes = memoryBudgetBytes / 2;
        _snapshotInterval = snapshotInterval;
        _logger = loggerFactory?.CreateLogger<ChangelogStateStoreProvider>();
        IO.DurableFile.CreateDirectory(_stateDirectory);
        _files = new ChangelogFiles(_stateDirectory);
        List<ChangelogFrame> frames = _files.Recover(recoverToBatchId);
        if (frames.Count > 0)
        {
            ChangelogFrame last = frames[^1];
            _baseBatchId = last.BaseBatchId;
            _baseManifestCrc = last.BaseManifestCrc;
            _lastHandOff = last.BaseBatchId;
            if (_baseBatchId >= 0)
            {
                VerifyBaseManifest(_baseBatchId, _baseManifestCrc, last.BatchId);
            }

            foreach (ChangelogFrame frame in frames)
            {
                _frameBases[frame.BatchId] = frame.BaseBatchId;
                if (frame.BatchId > _baseBatchId)
                {
                    _replay.Add((frame.BatchId, frame.Segment, ChangelogFiles.ReadPayload(frame)));
                }
            }
        }

        long baseBudget = Math.Max(FasterStoreLayout.MinimumBudgetBytes, memoryBudgetBytes / 2);
        _base = new FasterStateStoreProvider(_stateDirectory, _baseBatchId >= 0 ? _baseBatchId : null, baseBudget, loggerFactory);
    }

    /// <inheritdoc />
    public IStateStore<TKey, TValue> GetStore<TKey, TValue>(string operatorId, IStateSerializer<TKey>? keySerializer, IStateSerializer<TValue>? valueSerializer)
        where TKey : notnull
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_storesById.TryGetValue(operatorId, out IChangelogStore? existing))
        {
            return existing as IStateStore<TKey, TValue>
                ?? throw new InvalidOperationException(
                    $"State of operator '{operatorId}' was opened with other key or value types than {StateSchema.For<TKey, TValue>()}.");
        }

        keySerializer ??= StateSerializers.Default<TKey>();
        valueSerializer ??= StateSerializers.Default<TValue>();
        IBaseStore<TKey, TValue> baseStore = _base.GetStore(operatorId, keySerializer, valueSerializer);
        var store = new ChangelogStore<TKey, TValue>(
            operatorId, StateSchema.For<TKey, TValue>(), baseStore, _baseLock, _tableBudgetBytes, keySerializer, valueSerializer);
        store.LoadBase();
        Recover(store);
        return store;
    }

    /// <inheritdoc />
    /// <remarks>
    /// The table is the durable state while it fits its share of the memory budget: the provider writes each batch's
    /// changed groups from it (<see cref="TableChangelogStore{TKey, TStoreKey, TValue, TKeyOps}"/>). A recovered base too
    /// large for the budget is opened as a store that evicts instead, and the table then merges into it (false).
    /// </remarks>
    public bool TryKeep<TKey, TStoreKey, TValue, TKeyOps>(
        AggregateTable<TKey, TValue, TKeyOps> table, IStateSerializer<TStoreKey>? keySerializer, IStateSerializer<TValue>? valueSerializer)
        where TStoreKey : notnull
        where TKeyOps : struct, IBatchKeyOps<TKey>
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_storesById.ContainsKey(table.OperatorId))
        {
            throw new InvalidOperationException($"The state of operator '{table.OperatorId}' was opened twice in one query run.");
        }

        keySerializer ??= StateSerializers.Default<TStoreKey>();
        valueSerializer ??= StateSerializers.Default<TValue>();
        IBaseStore<TStoreKey, TValue> baseStore = _base.GetStore(table.OperatorId, keySerializer, valueSerializer);
        if (TableChangelogStore<TKey, TStoreKey, TValue, TKeyOps>.TooLarge(baseStore.Count, _tableBudgetBytes))
        {
            GetStore(table.OperatorId, keySerializer, valueSerializer);
            return false;
        }

        var store = new TableChangelogStore<TKey, TStoreKey, TValue, TKeyOps>(
            table, StateSchema.For<TStoreKey, TValue>(), baseStore, _baseLock, _tableBudgetBytes, keySerializer, valueSerializer);
        store.LoadBase();
        Recover(store);
        return true;
    }

    // Replays the frames after the base into a store whose base is loaded, and registers it.
    private void Recover(IChangelogStore store)
    {
        for (int i = 0; i < _replay.Count; i++)
        {
            if (i == _replay.Count / 2)
            {
                CrashPoints.Hit(CrashPoints.StateRecovering, _recoverToBatchId ?? -1, queryName: null);
            }

            ReplaySection(store, _replay[i].BatchId, _replay[i].Segment, _replay[i].Payload);
        }

        if (_recoverToBatchId is long recovered && _replay.Count == 0)
        {
            CrashPoints.Hit(CrashPoints.StateRecovering, recovered, queryName: null);
        }

        if (_recoverToBatchId is long batch)
        {
            _logger?.LogInformation("Recovered state of operator {Operator} to batch {Batch}: base {Base} + {Frames} changelog frames",
                store.OperatorId, batch, _baseBatchId, _replay.Count);
        }

        _stores.Add(store);
        _storesById.Add(store.OperatorId, store);
    }

    /// <inheritdoc />
    public void Checkpoint(long batchId) => BeginCheckpoint(batchId).Invoke();

    /// <inheritdoc />
    /// <remarks>Only a base hand-off (which waits for the running base) and a store over its budget (whose entries move to
    /// FASTER) wait; the frame's sections are copied from memory.</remarks>
    public bool CaptureMayWait(long batchId) => IsBaseBatch(batchId) || _stores.Exists(static store => store.OverBudget);

    private bool IsBaseBatch(long batchId) => (batchId + 1) % _snapshotInterval == 0;

    /// <inheritdoc />
    /// <remarks>
    /// Everything that reads or changes a store happens here on the caller's thread: the frame is encoded, a table over
    /// its budget is handed to an evicting store, a base is handed off. The returned work writes the sections a store
    /// deferred (<see cref="IChangelogStore.DeferSection"/>: window chunks, encoded there from tables no batch changes
    /// before they are), appends the frame to the segment and fsyncs it (ending the segment after it when a base was
    /// handed off, so the next frame starts the segment that follows that base). Sections may follow one another in any
    /// order: recovery finds each operator's by its header.
    /// </remarks>
    public Action BeginCheckpoint(long batchId)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        RequireFrameWritten();
        long started = Stopwatch.GetTimestamp();
        _replay.Clear();
        ObserveBaseJob(wait: false);

        _frame.Clear();
        _frame.Advance(ChangelogFrame.HeaderBytes);
        _frame.WriteRaw(_baseBatchId);
        _frame.WriteRaw(_baseManifestCrc);
        _frame.WriteRaw(_stores.Count);
        _deferred.Clear();
        foreach (IChangelogStore store in _stores)
        {
            if (store.DeferSection() is { } deferred)
            {
                _deferred.Add(deferred);
            }
            else
            {
                store.WriteSection(_frame);
            }
        }

        long encoded = Stopwatch.GetTimestamp();
        _frameBases[batchId] = _baseBatchId;
        _segmentEndsAfterFrame = false;

        bool overBudget = false;
        for (int i = 0; i < _stores.Count; i++)
        {
            if (_stores[i].OverBudget)
            {
                // A keyed aggregation's table that outgrew its budget hands its groups to a store that evicts.
                overBudget = true;
                IChangelogStore next = _stores[i].Outgrow();
                _stores[i] = next;
                _storesById[next.OperatorId] = next;
            }
        }

        if (IsBaseBatch(batchId) || (overBudget && _baseJob is null))
        {
            HandOffBase(batchId);
        }

        if (overBudget)
        {
            EnforceBudget(batchId);
        }

        long ended = Stopwatch.GetTimestamp();
        var frameMetrics = new Dictionary<string, long>
        {
            ["changelogBytes"] = _frame.Length,
            ["changelogEncodeMicros"] = Micros(started, encoded),
            ["baseHandOffMicros"] = Micros(encoded, ended),
            ["baseApplyMicros"] = _baseApplyMicros,
            ["baseCheckpointMicros"] = _baseCheckpointMicros,
        };
        var metrics = new StateStoreMetrics[_stores.Count];
        for (int i = 0; i < metrics.Length; i++)
        {
            metrics[i] = _stores[i].TakeMetrics(
                (long)Stopwatch.GetElapsedTime(started, ended).TotalMilliseconds, frameMetrics, i < _baseMetrics.Count ? _baseMetrics[i].CustomMetrics : null);
        }

        _metrics = metrics;
        _frameInFlight = true;
        bool endSegment = _segmentEndsAfterFrame;
        return () => WriteFrame(batchId, endSegment);
    }

    // The durable part of a checkpoint: touches only the encoded frame and the segment files.
    private void WriteFrame(long batchId, bool endSegment)
    {
        long started = Stopwatch.GetTimestamp();
        long encoded;
        try
        {
            foreach (IDeferredSection section in _deferred)
            {
                section.Write(_frame);
            }

            encoded = Stopwatch.GetTimestamp();
            _files.Append(_frame.Written, batchId);
            if (endSegment)
            {
                _files.StartSegment();
            }
        }
        finally
        {
            Volatile.Write(ref _frameInFlight, false);
        }

        long written = Stopwatch.GetTimestamp();
        long micros = Micros(started, written);
        var metrics = new StateStoreMetrics[_metrics.Count];
        for (int i = 0; i < metrics.Length; i++)
        {
            StateStoreMetrics staged = _metrics[i];
            var custom = new Dictionary<string, long>(staged.CustomMetrics)
            {
                ["changelogBytes"] = _frame.Length,
                ["changelogDeferredEncodeMicros"] = Micros(started, encoded),
                ["changelogWriteMicros"] = Micros(encoded, written),
            };
            metrics[i] = staged with { CommitTimeMs = staged.CommitTimeMs + micros / 1000, CustomMetrics = custom };
        }

        _metrics = metrics;
    }

    private void RequireFrameWritten()
    {
        if (Volatile.Read(ref _frameInFlight))
        {
            throw new InvalidOperationException(
                "The state provider was called while the changelog frame of the previous checkpoint was still being written; run the work BeginCheckpoint returned first.");
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<StateStoreMetrics> CollectMetrics()
    {
        RequireFrameWritten();
        return _metrics;
    }

    /// <inheritdoc />
    public void Purge(long oldestBatchToKeep)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        RequireFrameWritten();
        long neededBase = -1;
        var drop = new List<long>();
        foreach ((long batch, long baseBatch) in _frameBases)
        {
            if (batch > oldestBatchToKeep)
            {
                break;
            }

            neededBase = baseBatch;
            if (batch < oldestBatchToKeep)
            {
                drop.Add(batch);
            }
        }

        foreach (long batch in drop)
        {
            _frameBases.Remove(batch);
        }

        if (neededBase < 0)
        {
            return; // the oldest retained version replays from the very first frame
        }

        _files.Purge(neededBase + 1);
        Volatile.Write(ref _purgeBasesBefore, neededBase); // done by the base thread, which owns FASTER
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            _baseJob?.Wait();
        }
        catch (AggregateException e)
        {
            _logger?.LogWarning(e.InnerException, "The last state base did not complete; the changelog still holds its batches.");
        }

        _files.Dispose();
        _base.Dispose();
    }

    private static void ReplaySection(IChangelogStore store, long batchId, string segment, byte[] payload)
    {
        ReadOnlySpan<byte> bytes = payload;
        int offset = ChangelogFrame.PayloadPrefixBytes;
        int operators = BitConverter.ToInt32(payload, sizeof(long) + sizeof(uint));
        byte[] wanted = ChangelogFrame.SectionHeader(store.OperatorId, store.Schema);
        var found = new List<string>();
        for (int i = 0; i < operators; i++)
        {
            int headerLength = BitConverter.ToInt32(payload, offset);
            ReadOnlySpan<byte> header = bytes.Slice(offset + sizeof(int), headerLength);
            offset += sizeof(int) + headerLength;
            long count = BitConverter.ToInt64(payload, offset);
            int records = BitConverter.ToInt32(payload, offset + sizeof(long));
            int length = BitConverter.ToInt32(payload, offset + sizeof(long) + sizeof(int));
            offset += sizeof(long) + 2 * sizeof(int);
            if (header.SequenceEqual(wanted))
            {
                try
                {
                    store.Replay(bytes.Slice(offset, length), records, count);
                }
                catch (InvalidDataException e)
                {
                    // The frame passed its checksums, so it was written this way (or edited and resealed): name where it is.
                    throw new InvalidDataException($"Changelog segment '{segment}', batch {batchId}: {e.Message}", e);
                }

                return;
            }

            string text = Encoding.UTF8.GetString(header);
            int newline = text.IndexOf('\n', StringComparison.Ordinal);
            if (text[..newline] == store.OperatorId)
            {
                throw new InvalidDataException(
                    $"State of operator '{store.OperatorId}' at batch {batchId} holds {text[(newline + 1)..]}, but the query now stores " +
                    $"{store.Schema}. The operator's state schema changed since the checkpoint was written; start from a new checkpoint location.");
            }

            found.Add(text[..newline]);
            offset += length;
        }

        throw new InvalidDataException(
            $"State version {batchId} has no state for operator '{store.OperatorId}' (it has: {(found.Count == 0 ? "none" : string.Join(", ", found))}). " +
            "The query's stateful operators changed since the checkpoint was written; start from a new checkpoint location.");
    }

    private void HandOffBase(long batchId)
    {
        ObserveBaseJob(wait: true);
        var changes = new IBaseChanges[_stores.Count];
        for (int i = 0; i < changes.Length; i++)
        {
            changes[i] = _stores[i].TakeBaseChanges();
        }

        _lastHandOff = batchId;
        _segmentEndsAfterFrame = true;
        long purgeBefore = Volatile.Read(ref _purgeBasesBefore);
        _baseJob = Task.Factory.StartNew(
            () => WriteBase(batchId, changes, purgeBefore), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>The base thread: applies the changes to FASTER, checkpoints it as base <paramref name="batchId"/>, purges old bases.</summary>
    private void WriteBase(long batchId, IBaseChanges[] changes, long purgeBefore)
    {
        lock (_baseLock)
        {
            long started = Stopwatch.GetTimestamp();
            foreach (IBaseChanges change in changes)
            {
                change.Apply();
            }

            long applied = Stopwatch.GetTimestamp();
            _base.Checkpoint(batchId); // hits state.midCheckpoint between FASTER's checkpoints and the manifest
            _pendingBaseTimes = (Micros(started, applied), Micros(applied, Stopwatch.GetTimestamp()));
            uint crc = Crc32C.Compute(File.ReadAllBytes(StateVersionManifest.PathOf(BaseVersionsDirectory, batchId)));
            if (purgeBefore >= 0)
            {
                _base.Purge(purgeBefore);
            }

            foreach (IBaseChanges change in changes)
            {
                change.Completed();
            }

            _pendingBaseMetrics = _base.CollectMetrics();
            _pendingBase = (batchId, crc);
        }
    }

    private static long Micros(long from, long to) => (long)Stopwatch.GetElapsedTime(from, to).TotalMicroseconds;

    private string BaseVersionsDirectory => Path.Combine(_stateDirectory, StateVersionManifest.DirectoryName);

    /// <summary>Takes in a finished base job (the next frames name its base), rethrowing its failure.</summary>
    private void ObserveBaseJob(bool wait)
    {
        if (_baseJob is null || (!wait && !_baseJob.IsCompleted))
        {
            return;
        }

        try
        {
            _baseJob.GetAwaiter().GetResult();
        }
        catch (Exception e)
        {
            _baseJob = null;
            throw new IOException($"Writing the FASTER state base under '{_stateDirectory}' failed: {e.Message}", e);
        }

        _baseJob = null;
        if (_pendingBase is (long batch, uint crc))
        {
            _baseBatchId = batch;
            _baseManifestCrc = crc;
            _baseMetrics = _pendingBaseMetrics;
            (_baseApplyMicros, _baseCheckpointMicros) = _pendingBaseTimes;
            _pendingBase = null;
        }
    }

    private void EnforceBudget(long batchId)
    {
        // Only entries in a completed base may leave memory: wait for the running base, and when the table is still
        // over budget with everything changed since, take a base now.
        ObserveBaseJob(wait: true);
        foreach (IChangelogStore store in _stores)
        {
            if (store.OverBudget)
            {
                store.Evict();
            }
        }

        bool stillOver = false;
        foreach (IChangelogStore store in _stores)
        {
            stillOver |= store.OverBudget;
        }

        if (stillOver && _lastHandOff != batchId)
        {
            HandOffBase(batchId);
            ObserveBaseJob(wait: true);
            foreach (IChangelogStore store in _stores)
            {
                store.Evict();
            }
        }
    }

    private void VerifyBaseManifest(long baseBatchId, uint crc, long batchId)
    {
        string path = StateVersionManifest.PathOf(BaseVersionsDirectory, baseBatchId);
        string? problem = !File.Exists(path) ? "is missing"
            : Crc32C.Compute(File.ReadAllBytes(path)) != crc ? "does not match the checksum the changelog recorded for it (damaged or replaced)"
            : null;
        if (problem is not null)
        {
            throw new InvalidDataException(
                $"State base manifest '{path}' {problem}; committed batch {batchId} is recovered from the base of batch {baseBatchId}. " +
                "Restore the checkpoint from a backup or start from a new checkpoint location.");
        }
    }
}
