using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Compiled.Aggregation;
using Compiled.Plans;
using Compiled.State;
using Compiled.State.Changelog;
using Compiled.State.Serializers;

namespace Compiled.Windows;

/// <summary>
/// The state of tumbling and sliding windows: one in-memory table per open window (or pane) start, which the generated
/// loop accumulates rows into directly (<see cref="Accumulate"/>), and in the state store one chunk per start and batch
/// that changed it, holding just the entries that batch changed.
/// </summary>
/// <remarks>
/// <para>Rows of a batch arrive window by window, so each lands in a small table that stays in cache, where a table of
/// every (window, key) pair would miss the cache on nearly every row. Closing a window takes its table whole and
/// removes its chunks: O(chunks), not a lookup per key.</para>
/// <para>State layout: key <c>WindowKey&lt;long&gt;</c> = (start, end, chunk sequence number), value = the chunk's
/// entries (<see cref="ChunkCodec{TKey, TAcc}"/>: a varint count, then each key and accumulator, integers as varints).
/// Recovery applies a start's chunks in sequence order, later entries replacing earlier ones. A table that has gathered
/// <see cref="MaxChunks"/> chunks is written whole once and its older chunks removed, so a long-lived window (or
/// Complete mode, which never closes one) keeps a bounded number of chunks.</para>
/// <para>Chunks are encoded off the batch thread: the chunk a batch puts is pending (<see cref="WindowChunk"/>) and is
/// encoded from the table when first read, normally by the checkpoint thread while the next batch runs. Until then the
/// table must not change: a later batch that writes into the window first resolves the chunk (encoding it itself if the
/// checkpoint thread has not yet), and a closed table whose chunk is still pending is reused only once it is resolved
/// (<see cref="EndBatch"/>). A pending chunk removed in the batch that wrote it (its window closed) is read by nobody and
/// is abandoned.</para>
/// <para>With state in memory only (<see cref="StateStoreKind.InMemory"/>) the tables are the state: nothing is encoded
/// or written per batch, and the operator reports its own metrics to the provider.</para>
/// </remarks>
/// <typeparam name="TKey">The other key parts (<see cref="NoKey"/> when the window is the whole key).</typeparam>
/// <typeparam name="TAcc">The generated accumulator.</typeparam>
/// <typeparam name="TKeyOps">Hashing and equality of <typeparamref name="TKey"/>.</typeparam>
public abstract class TableWindowAggregation<TKey, TAcc, TKeyOps> : WindowAggregation<TKey, TAcc, TKeyOps>, IInMemoryStore
    where TAcc : struct, IWindowAccumulator<TAcc>
    where TKeyOps : struct, IBatchKeyOps<TKey>
{
    private const int MaxChunks = 8;
    private readonly Dictionary<long, WindowTable<TKey, TAcc, TKeyOps>> _tables = new();
    private readonly Stack<WindowTable<TKey, TAcc, TKeyOps>> _free = new();
    // Closed tables whose last chunk is still pending, in the order they closed: free once it is resolved.
    private readonly Queue<WindowTable<TKey, TAcc, TKeyOps>> _retired = new();
    private readonly List<WindowTable<TKey, TAcc, TKeyOps>> _changed = [];
    // Null when the tables are the state (in memory only).
    private readonly IStateStore<WindowKey<long>, WindowChunk>? _store;
    private readonly ChunkCodec<TKey, TAcc> _codec;
    // The encoding's scratch buffer, used under _encodeLock by whichever thread encodes a chunk.
    private readonly ChangelogBuffer _buffer = new();
    private readonly object _encodeLock = new();
    private readonly ChunkPool _pool = new();
    private readonly long _lengthMs;
    private readonly string _operatorId;
    // The table the last row went to, if the current batch has used it; a row of the same window skips the lookup.
    private WindowTable<TKey, TAcc, TKeyOps>? _current;
    // Keys of the table filled last: a new table gets room for as many, so windows of a steady stream do not grow row by row.
    private int _expectedKeys;
    private int _stamp = 1;
    private long _nextChunk;
    // Batches ended (EndBatch): a table's pending chunk of the current count was put by the batch still running.
    private long _batches;
    // Chunks put by the running batch, the one before and the one before that; see EndBatch.
    private List<WindowChunk> _putNow = [];
    private List<WindowChunk> _putBefore = [];
    private List<WindowChunk> _putEarlier = [];
    // (window or pane, key) entries held, and changed and removed since the last report: the operator's state rows.
    private long _rows;
    private long _rowsUpdated;
    private long _rowsRemoved;

    /// <summary>Opens the operator's chunk store; the derived constructor then calls <see cref="RestoreTables"/>.</summary>
    /// <param name="context">The plan's context, inside <see cref="IQueryPlan{TOut}.Open"/>.</param>
    /// <param name="operatorId">The operator's id in <see cref="QueryPlanInfo.StateOperators"/>.</param>
    /// <param name="mode">The query's output mode.</param>
    /// <param name="lengthMs">Length of a table's slot: the window, or the pane of a sliding window.</param>
    /// <param name="keySerializer">Serializer of the other key parts when they hold references; null for the built-in one.</param>
    /// <param name="accumulatorSerializer">Serializer of the accumulator when it holds references; null when it is unmanaged.</param>
    /// <param name="processingTime">True for processing-time windows, closed by the batch time.</param>
    /// <exception cref="NotSupportedException">The key parts hold references and have no serializer.</exception>
    private protected TableWindowAggregation(
        PlanContext context,
        string operatorId,
        OutputMode mode,
        long lengthMs,
        IStateSerializer<TKey>? keySerializer,
        IStateSerializer<TAcc>? accumulatorSerializer,
        bool processingTime)
        : base(context, mode, processingTime)
    {
        _lengthMs = lengthMs;
        _operatorId = operatorId;
        if (keySerializer is null && RuntimeHelpers.IsReferenceOrContainsReferences<TKey>())
        {
            keySerializer = StateSerializers.Default<TKey>()
                ?? throw new NotSupportedException($"The window key part {typeof(TKey)} of operator '{operatorId}' holds references and has no built-in serializer; pass one.");
        }
        _codec = new ChunkCodec<TKey, TAcc>(keySerializer, accumulatorSerializer);
        if (!context.TryKeepInMemory(this)) _store = context.GetStateStore<WindowKey<long>, WindowChunk>(operatorId, null, WindowChunk.Serializer.Instance);
    }

    /// <inheritdoc />
    string IInMemoryStore.OperatorId => _operatorId;

    /// <inheritdoc />
    long IInMemoryStore.EstimatedBytes => _rows * (Unsafe.SizeOf<WindowEntries<TKey, TAcc, TKeyOps>.Entry>() + (default(TKeyOps).StoresHash ? 3 : 2) * sizeof(int));

    /// <summary>
    /// The accumulator of <paramref name="key"/> in the window (pane) starting at <paramref name="startMs"/>, created
    /// empty (<paramref name="added"/> true) when the window has no such key yet: the generated loop folds each row into it.
    /// </summary>
    /// <remarks>The reference is valid until the next call; the rows of the current batch only.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref TAcc Accumulate(long startMs, in TKey key, out bool added)
    {
        WindowTable<TKey, TAcc, TKeyOps> table = _current is { } current && current.StartMs == startMs ? current : Switch(startMs);
        ref var entry = ref table.Entries.FindOrAdd(in key, out added);
        if (entry.Stamp != _stamp)
        {
            // The entry's first change this batch. Keys the batch added are counted once, from the table's size, at the end.
            if (!added) table.UpdatedEntries++;
            entry.Stamp = _stamp;
        }
        return ref entry.Accumulator;
    }

    /// <summary>The open tables (Complete mode emits them all).</summary>
    private protected Dictionary<long, WindowTable<TKey, TAcc, TKeyOps>>.ValueCollection Tables => _tables.Values;

    /// <summary>The tables the current batch changed, each once.</summary>
    private protected List<WindowTable<TKey, TAcc, TKeyOps>> ChangedTables => _changed;

    /// <summary>True when the current batch changed <paramref name="entry"/>.</summary>
    private protected bool ChangedNow(in WindowEntries<TKey, TAcc, TKeyOps>.Entry entry) => entry.Stamp == _stamp;

    /// <summary>Called when a start gets its table, from a row or from recovered state: index it for closing.</summary>
    private protected abstract void Opened(WindowTable<TKey, TAcc, TKeyOps> table);

    /// <summary>The open table of <paramref name="startMs"/>, if any.</summary>
    private protected bool TryGetTable(long startMs, [NotNullWhen(true)] out WindowTable<TKey, TAcc, TKeyOps>? table) =>
        _tables.TryGetValue(startMs, out table);

    /// <summary>Rebuilds the tables from the recovered chunks, each start's in sequence order; called once by the derived constructor.</summary>
    private protected void RestoreTables()
    {
        if (_store is null) return;
        var collector = new ChunkCollector([]);
        _store.ForEach(ref collector);
        List<KeyValuePair<WindowKey<long>, WindowChunk>> chunks = collector.Chunks;
        chunks.Sort(static (a, b) => a.Key.StartMs != b.Key.StartMs ? a.Key.StartMs.CompareTo(b.Key.StartMs) : a.Key.Key.CompareTo(b.Key.Key));
        foreach ((WindowKey<long> key, WindowChunk chunk) in chunks)
        {
            WindowTable<TKey, TAcc, TKeyOps> table = Table(key.StartMs);
            table.Chunks.Add(key.Key);
            Decode(chunk, table, key.Key);
            _expectedKeys = table.Entries.Count;
            _nextChunk = Math.Max(_nextChunk, key.Key + 1);
        }
    }

    /// <summary>
    /// Puts each changed table's changed entries in the store as one pending chunk (encoded when first read, see the
    /// remarks), and starts the next batch.
    /// </summary>
    private protected void PersistChanges()
    {
        CountChanges();
        if (_store is null)
        {
            _changed.Clear();
            _stamp++;
            return;
        }
        // In the order the batch first changed them, which the checkpoint thread encodes them in: for rows in time order
        // the order their windows close, so a closed table is free again soon (TakeRetired).
        foreach (WindowTable<TKey, TAcc, TKeyOps> table in _changed)
        {
            bool whole = table.Chunks.Count >= MaxChunks;
            if (whole)
            {
                RemoveChunks(table);
            }
            var chunk = new WindowChunk(new PendingChunk(this, table, _stamp, whole, whole ? table.Entries.Count : table.ChangedEntries));
            _store.Put(new WindowKey<long>(table.StartMs, table.EndMs, _nextChunk), chunk);
            table.Chunks.Add(_nextChunk);
            table.Pending = chunk;
            table.PendingBatch = _batches;
            _putNow.Add(chunk);
        }
        if (_changed.Count > 0) _nextChunk++;
        _changed.Clear();
        _stamp++;
    }

    // The batch's changes per table (its chunk's size) and for the metrics: the keys it added plus the older entries it changed.
    private void CountChanges()
    {
        foreach (WindowTable<TKey, TAcc, TKeyOps> table in _changed)
        {
            int added = table.Entries.Count - table.EntriesBefore;
            table.ChangedEntries = added + table.UpdatedEntries;
            _rows += added;
            _rowsUpdated += table.ChangedEntries;
        }
        if (_current is not null) _expectedKeys = _current.Entries.Count;
        _current = null;
    }

    /// <summary>Takes the table of <paramref name="startMs"/> out of the open tables; finish with <see cref="Drop"/>.</summary>
    private protected bool TryTake(long startMs, [NotNullWhen(true)] out WindowTable<TKey, TAcc, TKeyOps>? table)
    {
        if (!_tables.Remove(startMs, out table)) return false;
        if (ReferenceEquals(table, _current)) _current = null;
        return true;
    }

    /// <summary>Removes a taken table's chunks from the store and keeps the table for a later start.</summary>
    private protected void Drop(WindowTable<TKey, TAcc, TKeyOps> table)
    {
        _rows -= table.Entries.Count;
        _rowsRemoved += table.Entries.Count;
        if (_store is not null) RemoveChunks(table);
        if (table.Pending is { IsPending: true }) _retired.Enqueue(table);
        else _free.Push(table);
    }

    /// <summary>
    /// Called once at the end of each batch: reports the batch's state rows to the store's metrics ((window, key) entries
    /// for tumbling windows, (pane, key) entries for sliding ones, not the chunks the store holds), hands the buffers
    /// of the chunks the batch removed to the pool, and frees the closed tables whose chunk is resolved.
    /// </summary>
    /// <remarks>
    /// The changelog encodes a batch's chunks in its frame, which is written before the checkpoint of the batch after
    /// begins: the chunks of two batches ago are resolved by now. A store that does not read them at its checkpoint (one
    /// kept as objects) gets them resolved here instead, so that their tables are never held for longer.
    /// </remarks>
    private protected void EndBatch()
    {
        // Kept in memory, the provider takes the counters (TakeMetrics) when it collects the batch's metrics.
        if (_store is null) return;
        _batches++;
        foreach (WindowChunk chunk in _putEarlier) chunk.Resolve();
        _putEarlier.Clear();
        (_putEarlier, _putBefore, _putNow) = (_putBefore, _putNow, _putEarlier);
        for (int i = _retired.Count; i > 0; i--)
        {
            WindowTable<TKey, TAcc, TKeyOps> table = _retired.Dequeue();
            if (table.Pending!.IsPending) _retired.Enqueue(table);
            else _free.Push(table);
        }

        _pool.EndBatch(_store);
        _store.ReportRows(_rows, _rowsUpdated, _rowsRemoved);
        _rowsUpdated = 0;
        _rowsRemoved = 0;
    }

    /// <inheritdoc />
    StateStoreMetrics IInMemoryStore.TakeMetrics(long commitTimeMs)
    {
        var metrics = new StateStoreMetrics(_operatorId, _rows, _rowsUpdated, _rowsRemoved, ((IInMemoryStore)this).EstimatedBytes, commitTimeMs,
            new Dictionary<string, long>());
        _rowsUpdated = 0;
        _rowsRemoved = 0;
        return metrics;
    }

    /// <summary>Emits every entry of <paramref name="table"/> as its window.</summary>
    private protected static void EmitTable<TEmitter>(WindowTable<TKey, TAcc, TKeyOps> table, ref TEmitter emitter)
        where TEmitter : struct, IWindowEmitter<TKey, TAcc>
    {
        WindowEntries<TKey, TAcc, TKeyOps> entries = table.Entries;
        for (int i = 0; i < entries.Count; i++)
        {
            ref var entry = ref entries.EntryAt(i);
            emitter.Emit(new WindowKey<TKey>(table.StartMs, table.EndMs, entry.Key), in entry.Accumulator);
        }
    }

    // A row of another window than the last row's: its table, registered as changed on the batch's first row in it.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private WindowTable<TKey, TAcc, TKeyOps> Switch(long startMs)
    {
        if (_current is not null) _expectedKeys = _current.Entries.Count;
        WindowTable<TKey, TAcc, TKeyOps> table = Table(startMs);
        if (table.Stamp != _stamp)
        {
            // The batch's first change to the table: its chunk of an earlier batch must be encoded before (see the remarks).
            table.Pending?.Resolve();
            table.Stamp = _stamp;
            table.EntriesBefore = table.Entries.Count;
            table.UpdatedEntries = 0;
            _changed.Add(table);
        }
        _current = table;
        return table;
    }

    private WindowTable<TKey, TAcc, TKeyOps> Table(long startMs)
    {
        ref WindowTable<TKey, TAcc, TKeyOps>? slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_tables, startMs, out bool exists);
        WindowTable<TKey, TAcc, TKeyOps> table;
        if (exists)
        {
            table = slot!;
        }
        else
        {
            table = slot = _free.TryPop(out var free) ? free : TakeRetired() ?? new WindowTable<TKey, TAcc, TKeyOps>(_expectedKeys);
            table.Reset(startMs, startMs + _lengthMs);
            Opened(table);
        }
        return table;
    }

    // The table that closed first, if the checkpoint thread has encoded its chunk since (it encodes in that order).
    private WindowTable<TKey, TAcc, TKeyOps>? TakeRetired() =>
        _retired.TryPeek(out var table) && !table.Pending!.IsPending ? _retired.Dequeue() : null;

    // Removes the table's chunks from the store; their buffers go back to the pool once the store lets go of them.
    private void RemoveChunks(WindowTable<TKey, TAcc, TKeyOps> table)
    {
        foreach (long sequence in table.Chunks)
        {
            if (!_store!.TryRemove(new WindowKey<long>(table.StartMs, table.EndMs, sequence), out WindowChunk chunk)) continue;
            // Put by the batch still running: no frame or base has captured it, so nothing will ever read it.
            if (ReferenceEquals(chunk, table.Pending) && table.PendingBatch == _batches) chunk.Abandon();
            _pool.Removed(chunk);
        }
        table.Chunks.Clear();
    }

    // The entries of the table the batch of stamp changed (all of them when whole); under _encodeLock, on any thread.
    private (byte[] Bytes, int Length) Encode(WindowTable<TKey, TAcc, TKeyOps> table, int stamp, bool whole, int count)
    {
        WindowEntries<TKey, TAcc, TKeyOps> entries = table.Entries;
        _buffer.Clear();
        ChunkCodec<TKey, TAcc>.Begin(_buffer, count);
        int written = ChunkCodec<TKey, TAcc>.AllCompact ? EncodeCompact(entries, stamp, whole) : EncodeEach(entries, stamp, whole);
        if (written != count) throw new InvalidOperationException($"Window operator '{_operatorId}' counted {count} changed entries in window [{table.StartMs}, {table.EndMs}) but wrote {written}.");
        byte[] chunk = _pool.Rent(_buffer.Length);
        _buffer.Written.CopyTo(chunk);
        return (chunk, _buffer.Length);
    }

    // Entries without references: written through one writer per run of entries, which is most of the encoding's speed.
    private int EncodeCompact(WindowEntries<TKey, TAcc, TKeyOps> entries, int stamp, bool whole)
    {
        const int EntriesPerSpan = 1024;
        int max = _codec.MaxCompactBytes;
        var writer = new ChunkWriter(_buffer.GetSpan(EntriesPerSpan * max));
        int written = 0;
        for (int i = 0; i < entries.Count; i++)
        {
            ref var entry = ref entries.EntryAt(i);
            if (!whole && entry.Stamp != stamp) continue;
            if (writer.Free < max)
            {
                _buffer.Advance(writer.Written);
                writer = new ChunkWriter(_buffer.GetSpan(EntriesPerSpan * max));
            }
            ChunkCodec<TKey, TAcc>.WriteCompact(ref writer, in entry.Key, in entry.Accumulator);
            written++;
        }
        _buffer.Advance(writer.Written);
        return written;
    }

    private int EncodeEach(WindowEntries<TKey, TAcc, TKeyOps> entries, int stamp, bool whole)
    {
        int written = 0;
        for (int i = 0; i < entries.Count; i++)
        {
            ref var entry = ref entries.EntryAt(i);
            if (!whole && entry.Stamp != stamp) continue;
            _codec.Write(_buffer, in entry.Key, in entry.Accumulator);
            written++;
        }
        return written;
    }

    private void Decode(WindowChunk chunk, WindowTable<TKey, TAcc, TKeyOps> table, long sequence)
    {
        var reader = new ChunkReader(chunk.Span);
        try
        {
            int count = ChunkCodec<TKey, TAcc>.ReadCount(ref reader);
            for (int i = 0; i < count; i++)
            {
                _codec.Read(ref reader, out TKey key, out TAcc accumulator);
                table.Entries.FindOrAdd(in key, out bool added).Accumulator = accumulator;
                if (added) _rows++;
            }
            if (reader.Remaining != 0) throw new InvalidDataException($"The chunk holds {reader.Remaining} bytes past its {count} entries.");
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or IndexOutOfRangeException)
        {
            throw new InvalidDataException(
                $"The state of window operator '{_operatorId}' is damaged: chunk {sequence} of window [{table.StartMs}, {table.EndMs}) " +
                $"({chunk.Length} bytes) cannot be decoded at byte {reader.Position}: {e.Message} The checkpoint's state files were changed " +
                "or written by another version; restore them or start from a new checkpoint location.", e);
        }
    }

    /// <summary>A chunk put at the end of a batch, encoded from its table when first read.</summary>
    private sealed class PendingChunk(
        TableWindowAggregation<TKey, TAcc, TKeyOps> owner, WindowTable<TKey, TAcc, TKeyOps> table, int stamp, bool whole, int count) : IPendingChunk
    {
        public object EncodeLock => owner._encodeLock;

        public (byte[] Bytes, int Length) Encode() => owner.Encode(table, stamp, whole, count);
    }

    private readonly struct ChunkCollector(List<KeyValuePair<WindowKey<long>, WindowChunk>> chunks) : IStateVisitor<WindowKey<long>, WindowChunk>
    {
        public List<KeyValuePair<WindowKey<long>, WindowChunk>> Chunks => chunks;

        public void Visit(in WindowKey<long> key, in WindowChunk value) => chunks.Add(new KeyValuePair<WindowKey<long>, WindowChunk>(key, value));
    }
}
