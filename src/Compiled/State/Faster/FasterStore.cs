using System.Diagnostics;
using System.Numerics;
using Compiled.IO;
using FASTER.core;
using Microsoft.Extensions.Logging;

namespace Compiled.State.Faster;

/// <summary>
/// Owns one store's FASTER instance and session: checkpoints, recovery, generations, live-record scans, row counts
/// and metrics. The derived stores add the typed <see cref="IBaseStore{TKey, TValue}"/> operations.
/// </summary>
/// <remarks>
/// <para>Checkpoints are fold-over: the log is flushed up to its tail and becomes read-only, so a checkpoint writes
/// only what changed since the previous one. The hash index is written too (a full checkpoint) only when the log
/// has grown by more than <see cref="IndexCheckpointGrowthFactor"/> index sizes since the last one, because
/// recovery replays the log from the index checkpoint onwards.</para>
/// <para>Every update after a checkpoint appends a record, so the log also holds superseded versions. When they
/// outweigh the live records (<see cref="RotationFactor"/>) and fill half the in-memory log, the checkpoint first copies the live records into a
/// new generation (see <see cref="FasterGeneration{TFKey, TFValue}"/>).</para>
/// </remarks>
internal abstract class FasterStore<TFKey, TFValue, TInput, TOutput, TFunctions> : IFasterStateStore
    where TFunctions : IFunctions<TFKey, TFValue, TInput, TOutput, Empty>, IPendingReadResult<TOutput>
{
    private const int IndexCheckpointGrowthFactor = 4;
    private const int RotationFactor = 4;
    private const long MinRotationGarbageBytes = 256 << 10;
    private const long BucketBytes = 64;
    private const int KeysPerBucket = 2;              // a bucket has 7 slots; grow well before any overflows
    private const long MinIndexBuckets = 1 << 14;     // 1 MiB: FASTER 2.6.5 lost keys in ForEach after recovering overflow buckets, so the index stays ahead of the keys

    /// <summary>
    /// Reads a batch issues before it waits for those that went to disk: enough to keep the device busy, few enough
    /// that the pending contexts (each holds a copy of its key) stay small.
    /// </summary>
    protected const int ReadBatchSize = 4096;

    private readonly StoreOptions _options;
    private readonly IFasterEqualityComparer<TFKey>? _comparer;
    private readonly ILogger? _logger;
    private FasterGeneration<TFKey, TFValue>? _generation;
    private Guid _indexToken;
    private long _indexCheckpointTail;
    private StateStoreMetrics _lastMetrics;
    private bool _disposed;
    private bool _scanned;

    /// <summary>Live keys; the derived store keeps it exact by checking existence before each write.</summary>
    protected long _count;

    /// <summary>Writes since the last checkpoint.</summary>
    protected long _updated;

    /// <summary>Removals of existing keys since the last checkpoint.</summary>
    protected long _removed;

    /// <summary>Reads that went to the log device since the last checkpoint.</summary>
    protected long _diskReads;

    protected FasterStore(StoreOptions options, StateSchema schema, IFasterEqualityComparer<TFKey>? comparer, TFunctions functions)
    {
        _options = options;
        _comparer = comparer;
        _logger = options.LoggerFactory?.CreateLogger("Compiled.State.Faster");
        OperatorId = options.OperatorId;
        Schema = schema;
        Functions = functions;
        _lastMetrics = new StateStoreMetrics(OperatorId, 0, 0, 0, 0, 0, new Dictionary<string, long>());
    }

    /// <inheritdoc />
    public string OperatorId { get; }

    /// <inheritdoc />
    public StateSchema Schema { get; }

    /// <summary>Number of live keys.</summary>
    public long Count => _count;

    /// <summary>The FASTER callbacks shared by every session of the store.</summary>
    protected TFunctions Functions { get; }

    /// <summary>The session of the current generation; replaced when the store moves to a new generation.</summary>
    protected ClientSession<TFKey, TFValue, TInput, TOutput, Empty, TFunctions> Session { get; private set; } = null!;

    /// <summary>The largest record the log can hold: one page.</summary>
    protected long MaxRecordBytes => _options.Layout.PageBytes;

    /// <summary>Buckets of a new store's index: small, and grown with the keys up to the budget's share.</summary>
    private long SmallestIndex => Math.Min(MinIndexBuckets, _options.Layout.IndexBuckets);

    /// <summary>Average bytes of one record in the log, to estimate the live part of the log.</summary>
    protected abstract long AverageRecordBytes { get; }

    /// <inheritdoc />
    public void Open(OperatorCheckpoint? checkpoint)
    {
        if (checkpoint is not null)
        {
            foreach (FileDigest file in checkpoint.Files)
            {
                file.Verify(_options.Directory, OperatorId, _options.BaseBatchId);
            }
        }

        long indexBuckets = checkpoint?.IndexBuckets ?? SmallestIndex;
        _generation = FasterGeneration<TFKey, TFValue>.Open(_options, checkpoint?.Generation ?? 0, fresh: checkpoint is null, _comparer, indexBuckets);
        if (checkpoint is not null)
        {
            try
            {
                _generation.Kv.Recover(checkpoint.IndexToken, checkpoint.LogToken);
            }
            catch (Exception e) when (e is FasterException or IOException)
            {
                throw new InvalidDataException(
                    $"State of operator '{OperatorId}' cannot be recovered from FASTER checkpoint {checkpoint.LogToken} " +
                    $"(index {checkpoint.IndexToken}) in '{_generation.CheckpointDirectory}': {e.Message}",
                    e);
            }

            _count = checkpoint.Count;
            _indexToken = checkpoint.IndexToken;
            OnRecovered((_generation.Kv.Log.TailAddress - _generation.Kv.Log.BeginAddress) / Math.Max(1, _count));

            // The recovered index may be far behind the log; write a fresh one at the first checkpoint.
            _indexCheckpointTail = long.MinValue / 2;
        }

        Session = _generation.Kv.For(Functions).NewSession<TFunctions>(Functions);
    }

    /// <inheritdoc />
    public OperatorCheckpoint Checkpoint()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        long start = Stopwatch.GetTimestamp();
        bool rotated = RotateIfMostlyGarbage();
        Reserve(_count);
        FasterKV<TFKey, TFValue> kv = _generation!.Kv;

        long tail = kv.Log.TailAddress;
        bool full = _indexToken == Guid.Empty || tail - _indexCheckpointTail > IndexCheckpointGrowthFactor * kv.IndexSize * BucketBytes;

        // The batch thread blocks here: the checkpoint must be durable before the engine writes commits/N.
        (bool success, Guid token) = full
            ? kv.TakeFullCheckpointAsync(CheckpointType.FoldOver).AsTask().GetAwaiter().GetResult()
            : kv.TakeHybridLogCheckpointAsync(CheckpointType.FoldOver).AsTask().GetAwaiter().GetResult();
        if (!success)
        {
            throw new InvalidOperationException($"FASTER refused to start a checkpoint of the state of operator '{OperatorId}'.");
        }

        if (full)
        {
            _indexToken = token;
            _indexCheckpointTail = tail;
        }

        long elapsedMs = (long)Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        _lastMetrics = BuildMetrics(elapsedMs, full, rotated);
        _updated = 0;
        _removed = 0;
        _diskReads = 0;
        _logger?.LogDebug("Checkpointed state of {Operator}: generation {Generation}, {Kind} checkpoint {Token}, {Count} keys, {Ms} ms",
            OperatorId, _generation.Number, full ? "full" : "log", token, _count, elapsedMs);
        return new OperatorCheckpoint(OperatorId, Schema, _generation.Number, _indexToken, token, _count, kv.IndexSize, DigestFiles(token));
    }

    /// <summary>
    /// Grows the index, up to the budget's share, until <paramref name="keys"/> keys fit it: called before a batch of
    /// writes that adds keys (a base's changes), so they are not written into an overloaded index that then grows one
    /// doubling per checkpoint. The index is sized to the key count, not the budget, and its checkpoint with it.
    /// </summary>
    public void Reserve(long keys)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        FasterKV<TFKey, TFValue> kv = _generation!.Kv;
        while (keys > KeysPerBucket * kv.IndexSize && kv.IndexSize < _options.Layout.IndexBuckets)
        {
            kv.GrowIndex();
            _indexToken = Guid.Empty;
        }
    }

    /// <inheritdoc />
    public StateStoreMetrics CollectMetrics() => _lastMetrics;

    /// <summary>Digests (and flushes to disk) every file a recovery from <paramref name="logToken"/> reads: the log up
    /// to the flushed address and both checkpoints' folders.</summary>
    private List<FileDigest> DigestFiles(Guid logToken)
    {
        FasterGeneration<TFKey, TFValue> generation = _generation!;
        var files = new List<FileDigest>();
        long flushed = generation.Kv.Log.ReadOnlyAddress; // a fold-over checkpoint flushes everything up to it
        // Recovery reads the log from its begin address. An empty log begins and ends at FASTER's first valid address
        // (64), and its first segment file may never have been written: there is nothing to digest then.
        long begin = generation.Kv.Log.BeginAddress;
        int segmentBits = _options.Layout.SegmentSizeBits;
        for (long segment = begin >> segmentBits; segment << segmentBits < flushed && begin < flushed; segment++)
        {
            long length = Math.Min(1L << segmentBits, flushed - (segment << segmentBits));
            files.Add(FileDigest.TakeLength(_options.Directory, generation.LogSegmentPath(segment), length));
        }

        foreach (string folder in generation.TokenDirectories(_indexToken, logToken))
        {
            foreach (string file in Directory.EnumerateFiles(folder))
            {
                files.Add(FileDigest.Take(_options.Directory, file, new FileInfo(file).Length));
            }

            DurableFile.SyncDirectory(folder);
            DurableFile.SyncDirectory(Path.GetDirectoryName(folder)!);
        }

        return files;
    }

    /// <inheritdoc />
    public void Purge(IReadOnlyCollection<OperatorCheckpoint> retained)
    {
        var tokensByGeneration = new Dictionary<int, HashSet<Guid>>();
        foreach (OperatorCheckpoint entry in retained)
        {
            if (!tokensByGeneration.TryGetValue(entry.Generation, out HashSet<Guid>? tokens))
            {
                tokensByGeneration[entry.Generation] = tokens = [];
            }

            tokens.Add(entry.IndexToken);
            tokens.Add(entry.LogToken);
        }

        FasterGeneration<TFKey, TFValue> current = _generation!;
        if (!tokensByGeneration.TryGetValue(current.Number, out HashSet<Guid>? currentTokens))
        {
            tokensByGeneration[current.Number] = currentTokens = [];
        }

        currentTokens.Add(_indexToken); // the base of the next log checkpoints, even if no retained version names it
        foreach ((int number, string directory) in FasterGeneration<TFKey, TFValue>.List(_options.Directory))
        {
            if (!tokensByGeneration.TryGetValue(number, out HashSet<Guid>? keep))
            {
                Directory.Delete(directory, recursive: true);
                continue;
            }

            string checkpoints = FasterGeneration<TFKey, TFValue>.CheckpointDirectoryOf(directory);
            foreach (Guid token in StaleTokens(checkpoints, keep))
            {
                if (number == current.Number)
                {
                    current.CheckpointManager.Purge(token);
                }
                else
                {
                    foreach (string folder in FasterGeneration<TFKey, TFValue>.TokenFolders)
                    {
                        string path = Path.Combine(checkpoints, folder, token.ToString());
                        if (Directory.Exists(path))
                        {
                            Directory.Delete(path, recursive: true);
                        }
                    }
                }
            }
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
        Session?.Dispose();
        _generation?.Dispose();
    }

    /// <summary>Called after recovery with the log bytes per live key, an upper bound of the record size.</summary>
    protected virtual void OnRecovered(long logBytesPerKey)
    {
    }

    /// <summary>Turns a read's status into its final one, completing it from disk when it went pending.</summary>
    protected Status CompleteRead(Status status, ref TOutput output)
    {
        if (status.IsPending)
        {
            Session.CompletePending(wait: true);
            _diskReads++;
            status = Functions.PendingStatus;
            output = Functions.PendingOutput;
        }

        ThrowIfFaulted(status);
        return status;
    }

    /// <summary>
    /// Waits once for the <paramref name="pending"/> reads of a batch that went to disk; FASTER hands each to the
    /// functions' completion callback, which collects them for the caller.
    /// </summary>
    protected void CompletePendingReads(int pending)
    {
        Session.CompletePending(wait: true);
        _diskReads += pending;
    }

    /// <summary>Hands one result of a batch of reads to its receiver.</summary>
    protected void Deliver<TKey, TValue, TReceiver>(ref TReceiver receiver, in TKey key, Status status, in TValue value)
        where TReceiver : struct, IBaseReadReceiver<TKey, TValue>
    {
        ThrowIfFaulted(status);
        if (status.Found)
        {
            receiver.Found(in key, in value);
        }
        else
        {
            receiver.Absent(in key);
        }
    }

    /// <summary>Refuses a read FASTER could not perform, naming the operator and its log files.</summary>
    protected void ThrowIfFaulted(Status status)
    {
        if (status.IsFaulted)
        {
            throw new IOException($"A state read of operator '{OperatorId}' failed in FASTER (status {status}); check the log files under '{_generation!.Directory}'.");
        }
    }

    /// <summary>Waits for a write that FASTER could not finish at once.</summary>
    protected void CompleteWrite(Status status)
    {
        if (status.IsPending)
        {
            Session.CompletePending(wait: true);
        }
    }

    /// <summary>Visits the newest record of every live key once.</summary>
    /// <remarks>
    /// The log is scanned and each record is kept if a lookup of its key lands on it. When the whole log is in
    /// memory that needs no disk access and no allocation beyond the scan buffer. A partly spilled log of unmanaged
    /// keys goes through FASTER's iterator instead, which reads the log sequentially and keeps keys whose records
    /// are not at the head of their hash chain in a temporary in-memory store. Byte keys cannot: FASTER 2.6.5's
    /// iterator copies such a key <em>by value</em> into that temporary store, and a copied <see cref="SpanByte"/>
    /// keeps only its first bytes (the rest is read from the stack), so ForEach returned corrupted keys; for them a
    /// spilled record costs a lookup, which may read from disk. Neither way holds FASTER's epoch while the visitor
    /// runs, so the visitor may write to the store: new records land beyond the scanned range, and a key removed
    /// before its turn is skipped.
    /// </remarks>
    protected void ScanLive<TVisitor>(ref TVisitor visitor)
        where TVisitor : struct, ILiveRecordVisitor<TFKey, TFValue>
    {
        FasterKV<TFKey, TFValue> kv = _generation!.Kv;
        long end = kv.Log.TailAddress;
        _scanned = true;
        if (kv.Log.BeginAddress >= kv.Log.HeadAddress || typeof(TFKey) == typeof(SpanByte))
        {
            using IFasterScanIterator<TFKey, TFValue> scan = kv.Log.Scan(kv.Log.BeginAddress, end);
            while (scan.GetNext(out RecordInfo info))
            {
                if (!info.Tombstone && IsNewest(ref scan.GetKey(), scan.CurrentAddress))
                {
                    visitor.Visit(ref scan.GetKey(), ref scan.GetValue());
                }
            }

            return;
        }

        using IFasterScanIterator<TFKey, TFValue> iterator = kv.Iterate<TInput, TOutput, Empty, TFunctions>(Functions, end);
        while (iterator.GetNext(out _))
        {
            visitor.Visit(ref iterator.GetKey(), ref iterator.GetValue());
        }
    }

    private bool IsNewest(ref TFKey key, long address)
    {
        TInput input = default!;
        TOutput output = default!;
        ReadOptions options = default;
        Status status = Session.Read(ref key, ref input, ref output, ref options, out RecordMetadata metadata, Empty.Default, 0);
        long found = metadata.Address;
        if (status.IsPending)
        {
            Session.CompletePending(wait: true);
            status = Functions.PendingStatus;
            found = Functions.PendingAddress;
        }

        return status.Found && found == address;
    }

    private bool RotateIfMostlyGarbage()
    {
        FasterGeneration<TFKey, TFValue> old = _generation!;
        long logBytes = old.Kv.Log.TailAddress - old.Kv.Log.BeginAddress;
        long liveBytes = _count * AverageRecordBytes;
        // Rotating costs a scan of the whole log and a new index checkpoint, so garbage may first fill half the
        // in-memory log: a store whose every key changes each batch then rotates every few batches, not every fourth.
        // A store scanned every batch (Complete mode) pays for each superseded record in every scan, so it does not wait.
        long minGarbage = _scanned ? MinRotationGarbageBytes : Math.Max(MinRotationGarbageBytes, _options.Layout.LogMemoryBytes / 2);
        _scanned = false;
        if (logBytes <= RotationFactor * liveBytes || logBytes - liveBytes < minGarbage)
        {
            return false;
        }

        // A crash in here leaves the old generation untouched and referenced by the last version; the half-built
        // new one is wiped when a later rotation opens it fresh.
        long buckets = Math.Clamp((long)BitOperations.RoundUpToPowerOf2((ulong)Math.Max(1, _count / KeysPerBucket)), SmallestIndex, _options.Layout.IndexBuckets);
        FasterGeneration<TFKey, TFValue> next = FasterGeneration<TFKey, TFValue>.Open(_options, old.Number + 1, fresh: true, _comparer, buckets);
        try
        {
            using ClientSession<TFKey, TFValue, TInput, TOutput, Empty, TFunctions> target = next.Kv.For(Functions).NewSession<TFunctions>(Functions);
            var copy = new CopyVisitor(target);
            ScanLive(ref copy);
            _scanned = false; // the copy is not the operator's scan
            target.CompletePending(wait: true);
        }
        catch
        {
            next.Dispose();
            throw;
        }

        Session.Dispose();
        old.Dispose();
        _generation = next;
        Session = next.Kv.For(Functions).NewSession<TFunctions>(Functions);
        _indexToken = Guid.Empty;
        _logger?.LogInformation("State of operator {Operator} moved to generation {Generation}: {Live} live keys, {Garbage} bytes of superseded records dropped",
            OperatorId, next.Number, _count, logBytes - (next.Kv.Log.TailAddress - next.Kv.Log.BeginAddress));
        return true;
    }

    private static IEnumerable<Guid> StaleTokens(string checkpointDirectory, HashSet<Guid> keep)
    {
        var stale = new HashSet<Guid>();
        foreach (string folder in FasterGeneration<TFKey, TFValue>.TokenFolders)
        {
            string path = Path.Combine(checkpointDirectory, folder);
            if (!Directory.Exists(path))
            {
                continue;
            }

            foreach (string directory in Directory.EnumerateDirectories(path))
            {
                if (Guid.TryParse(Path.GetFileName(directory), out Guid token) && !keep.Contains(token))
                {
                    stale.Add(token);
                }
            }
        }

        return stale;
    }

    private StateStoreMetrics BuildMetrics(long commitTimeMs, bool fullCheckpoint, bool rotated)
    {
        FasterGeneration<TFKey, TFValue> generation = _generation!;
        FasterKV<TFKey, TFValue> kv = generation.Kv;
        long memory = kv.Log.MemorySizeBytes + (kv.IndexSize + kv.OverflowBucketCount) * BucketBytes;
        var custom = new Dictionary<string, long>
        {
            ["logBytes"] = kv.Log.TailAddress - kv.Log.BeginAddress,
            ["logBytesInMemory"] = kv.Log.TailAddress - Math.Max(kv.Log.HeadAddress, kv.Log.BeginAddress),
            ["generationBytesOnDisk"] = generation.BytesOnDisk(),
            ["diskReads"] = _diskReads,
            ["indexCheckpoint"] = fullCheckpoint ? 1 : 0,
            ["generation"] = generation.Number,
            ["rotated"] = rotated ? 1 : 0,
        };
        return new StateStoreMetrics(OperatorId, _count, _updated, _removed, memory, commitTimeMs, custom);
    }

    /// <summary>Copies live records into the next generation's session.</summary>
    private readonly struct CopyVisitor(ClientSession<TFKey, TFValue, TInput, TOutput, Empty, TFunctions> target) : ILiveRecordVisitor<TFKey, TFValue>
    {
        public void Visit(ref TFKey key, ref TFValue value)
        {
            Status status = target.Upsert(ref key, ref value, Empty.Default, 0);
            if (status.IsPending)
            {
                target.CompletePending(wait: true);
            }
        }
    }
}
