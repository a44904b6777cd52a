using System.Buffers;
using FASTER.core;

namespace Compiled.State.Faster;

/// <summary>
/// State whose key or value holds references: both are turned into bytes (the operator's serializer, or raw bytes
/// for an unmanaged half) and stored in FASTER as variable-length <see cref="SpanByte"/> records.
/// </summary>
/// <remarks>
/// Keys are compared and hashed by their bytes, so a key serializer must be deterministic. Serialization goes into
/// reused buffers; values are decoded inside FASTER's read callback, straight from the log page or the disk
/// buffer. Like the blittable store, the last looked-up key is remembered (as bytes) so that the <c>Put</c> after
/// a <c>TryGet</c> does not look the key up again.
/// </remarks>
internal sealed unsafe class SerializedFasterStore<TKey, TValue>
    : FasterStore<SpanByte, SpanByte, SpanByte, ValueSlot<TValue>, SerializedStoreFunctions<TValue>>, IBaseStore<TKey, TValue>
    where TKey : notnull
{
    private const int RecordHeaderBytes = sizeof(long);   // FASTER's RecordInfo
    private const int LengthPrefixBytes = sizeof(int);    // each SpanByte's length
    private const int AverageWindow = 64;                 // writes averaged into the record size estimate

    private readonly IStateSerializer<TKey> _keySerializer;
    private readonly IStateSerializer<TValue> _valueSerializer;
    private readonly ArrayBufferWriter<byte> _keyBytes = new();
    private readonly ArrayBufferWriter<byte> _valueBytes = new();
    private readonly ArrayBufferWriter<byte> _lastKey = new();
    private bool _lastKeyKnown;
    private bool _lastKeyExists;
    private List<CompletedRead<int, ValueSlot<TValue>>>? _completed;
    private long _averageRecordBytes = RecordHeaderBytes + 2 * LengthPrefixBytes;

    public SerializedFasterStore(StoreOptions options, IStateSerializer<TKey> keySerializer, IStateSerializer<TValue> valueSerializer)
        : base(options, StateSchema.For<TKey, TValue>(), comparer: null, new SerializedStoreFunctions<TValue>(valueSerializer))
    {
        _keySerializer = keySerializer;
        _valueSerializer = valueSerializer;
    }

    /// <inheritdoc />
    protected override long AverageRecordBytes => _averageRecordBytes;

    /// <inheritdoc />
    protected override void OnRecovered(long logBytesPerKey) =>
        // Until writes refine it, overestimate: a too-small estimate would copy the whole store at the next checkpoint.
        _averageRecordBytes = Math.Max(_averageRecordBytes, logBytesPerKey);

    /// <inheritdoc />
    public bool TryGet(in TKey key, out TValue value)
    {
        ReadOnlySpan<byte> keyBytes = SerializeKey(in key);
        var slot = new ValueSlot<TValue> { Decode = true };
        bool found = Read(keyBytes, ref slot);
        Remember(keyBytes, found);
        value = found ? slot.Value : default!;
        return found;
    }

    /// <inheritdoc />
    public void ReadMany<TReceiver>(ReadOnlySpan<TKey> keys, ref TReceiver receiver)
        where TReceiver : struct, IBaseReadReceiver<TKey, TValue>
    {
        List<CompletedRead<int, ValueSlot<TValue>>> completed = _completed ??= [];
        Functions.Completed = completed;
        try
        {
            for (int start = 0; start < keys.Length; start += ReadBatchSize)
            {
                int end = Math.Min(keys.Length, start + ReadBatchSize);
                int pending = 0;
                for (int i = start; i < end; i++)
                {
                    var slot = new ValueSlot<TValue> { Decode = true, Index = i };
                    Status status = Issue(SerializeKey(in keys[i]), ref slot);
                    if (status.IsPending)
                    {
                        pending++;
                        continue;
                    }

                    Deliver(ref receiver, in keys[i], status, in slot.Value);
                }

                if (pending == 0)
                {
                    continue;
                }

                CompletePendingReads(pending);
                foreach (CompletedRead<int, ValueSlot<TValue>> read in completed)
                {
                    Deliver(ref receiver, in keys[read.Id], read.Status, read.Output.Value);
                }

                completed.Clear();
            }
        }
        finally
        {
            Functions.Completed = null;
            completed.Clear();
        }
    }

    /// <inheritdoc />
    public void Put(in TKey key, in TValue value) => Write(in key, in value, exists: null);

    /// <inheritdoc />
    public void Put(in TKey key, in TValue value, bool exists) => Write(in key, in value, exists);

    /// <inheritdoc />
    public void PutAll(ReadOnlySpan<KeyValuePair<TKey, TValue>> puts, int existing)
    {
        foreach (KeyValuePair<TKey, TValue> put in puts)
        {
            Write(put.Key, put.Value, exists: true);
        }

        _count += puts.Length - existing;
    }

    /// <inheritdoc />
    public bool Remove(in TKey key) => Delete(in key, live: false);

    /// <inheritdoc />
    public void RemoveLive(in TKey key) => Delete(in key, live: true);

    // A write whose key's presence is known (exists) or is read first (null).
    private void Write(in TKey key, in TValue value, bool? exists)
    {
        ReadOnlySpan<byte> keyBytes = SerializeKey(in key);
        bool existed = exists ?? Exists(keyBytes);
        _valueBytes.ResetWrittenCount();
        _valueSerializer.Serialize(in value, _valueBytes);
        long recordBytes = Align(RecordHeaderBytes + LengthPrefixBytes + keyBytes.Length + LengthPrefixBytes + _valueBytes.WrittenCount);
        if (recordBytes > MaxRecordBytes)
        {
            throw new InvalidOperationException(
                $"A state entry of operator '{OperatorId}' takes {recordBytes} bytes ({keyBytes.Length}-byte key, " +
                $"{_valueBytes.WrittenCount}-byte value), more than one FASTER page ({MaxRecordBytes} bytes). " +
                "Raise QueryOptions.StateMemoryBudgetBytes (pages are a sixteenth of the log's share) or store less per key.");
        }

        Status status;
        fixed (byte* k = keyBytes)
        fixed (byte* v = _valueBytes.WrittenSpan)
        {
            SpanByte keySpan = SpanByte.FromPointer(k, keyBytes.Length);
            SpanByte valueSpan = SpanByte.FromPointer(v, _valueBytes.WrittenCount);
            status = Session.Upsert(ref keySpan, ref valueSpan, Empty.Default, 0);
        }

        CompleteWrite(status);
        if (!existed)
        {
            _count++;
        }

        _updated++;
        _averageRecordBytes += (recordBytes - _averageRecordBytes) / AverageWindow;
        Remember(keyBytes, exists: true);
    }

    // A delete of a key known to be live, or one that is read first (false when it is absent).
    private bool Delete(in TKey key, bool live)
    {
        ReadOnlySpan<byte> keyBytes = SerializeKey(in key);
        if (!live && !Exists(keyBytes))
        {
            return false;
        }

        Status status;
        fixed (byte* k = keyBytes)
        {
            SpanByte keySpan = SpanByte.FromPointer(k, keyBytes.Length);
            status = Session.Delete(ref keySpan, Empty.Default, 0);
        }

        CompleteWrite(status);
        _count--;
        _removed++;
        Remember(keyBytes, exists: false);
        return true;
    }

    /// <inheritdoc />
    public void ForEach<TVisitor>(ref TVisitor visitor)
        where TVisitor : struct, IStateVisitor<TKey, TValue>
    {
        var adapter = new VisitorAdapter<TVisitor>(_keySerializer, _valueSerializer) { Inner = visitor };
        ScanLive(ref adapter);
        visitor = adapter.Inner;
    }

    private static int Align(int size) => (size + sizeof(long) - 1) & ~(sizeof(long) - 1);

    private ReadOnlySpan<byte> SerializeKey(in TKey key)
    {
        _keyBytes.ResetWrittenCount();
        _keySerializer.Serialize(in key, _keyBytes);
        return _keyBytes.WrittenSpan;
    }

    private bool Read(ReadOnlySpan<byte> keyBytes, ref ValueSlot<TValue> slot) => CompleteRead(Issue(keyBytes, ref slot), ref slot).Found;

    // Starts a read; a pending one completes later (CompletePending).
    private Status Issue(ReadOnlySpan<byte> keyBytes, ref ValueSlot<TValue> slot)
    {
        SpanByte input = default;
        fixed (byte* k = keyBytes)
        {
            // A read that goes pending copies the key into FASTER's own context, so the buffer may be reused afterwards.
            SpanByte keySpan = SpanByte.FromPointer(k, keyBytes.Length);
            return Session.Read(ref keySpan, ref input, ref slot, Empty.Default, 0);
        }
    }

    private bool Exists(ReadOnlySpan<byte> keyBytes)
    {
        if (_lastKeyKnown && _lastKey.WrittenSpan.SequenceEqual(keyBytes))
        {
            return _lastKeyExists;
        }

        var slot = new ValueSlot<TValue> { Decode = false };
        return Read(keyBytes, ref slot);
    }

    private void Remember(ReadOnlySpan<byte> keyBytes, bool exists)
    {
        if (!_lastKeyKnown || !_lastKey.WrittenSpan.SequenceEqual(keyBytes))
        {
            _lastKey.ResetWrittenCount();
            _lastKey.Write(keyBytes);
        }

        _lastKeyExists = exists;
        _lastKeyKnown = true;
    }

    /// <summary>Decodes FASTER's byte records before the operator's visitor sees them.</summary>
    /// <remarks>Decoding first leaves the visitor free to write to the store, which reuses the key buffers.</remarks>
    private struct VisitorAdapter<TVisitor>(IStateSerializer<TKey> keySerializer, IStateSerializer<TValue> valueSerializer)
        : ILiveRecordVisitor<SpanByte, SpanByte>
        where TVisitor : struct, IStateVisitor<TKey, TValue>
    {
        public TVisitor Inner;

        public void Visit(ref SpanByte key, ref SpanByte value)
        {
            TKey decodedKey = keySerializer.Deserialize(key.AsReadOnlySpan());
            TValue decodedValue = valueSerializer.Deserialize(value.AsReadOnlySpan());
            Inner.Visit(in decodedKey, in decodedValue);
        }
    }
}
