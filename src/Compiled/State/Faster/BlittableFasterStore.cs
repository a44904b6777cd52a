using System.Runtime.CompilerServices;
using FASTER.core;

namespace Compiled.State.Faster;

/// <summary>
/// State of unmanaged keys and values, stored in FASTER as they are (fixed-size records, no serialization, no
/// allocation per operation).
/// </summary>
/// <remarks>
/// The count stays exact because every write first learns whether the key exists. The engine's pattern is
/// <c>TryGet(k)</c> then <c>Put(k)</c>, so the store remembers the last key it looked up and whether it existed;
/// the <c>Put</c> that follows needs no second lookup (which could be a second disk read for spilled state).
/// </remarks>
internal sealed class BlittableFasterStore<TKey, TValue>
    : FasterStore<TKey, TValue, TValue, TValue, BlittableStoreFunctions<TKey, TValue>>, IBaseStore<TKey, TValue>
    where TKey : notnull
{
    private TKey _lastKey = default!;
    private bool _lastKeyKnown;
    private bool _lastKeyExists;
    private List<CompletedRead<TKey, TValue>>? _completed;

    public BlittableFasterStore(StoreOptions options)
        : base(options, StateSchema.For<TKey, TValue>(), BlittableKeyComparer<TKey>.Instance, new BlittableStoreFunctions<TKey, TValue>())
    {
        if (RecordBytes > MaxRecordBytes)
        {
            throw new InvalidOperationException(
                $"A state entry of operator '{OperatorId}' takes {RecordBytes} bytes, more than one FASTER page ({MaxRecordBytes} bytes). " +
                "Raise QueryOptions.StateMemoryBudgetBytes (pages are a sixteenth of the log's share) or store less per key.");
        }
    }

    /// <inheritdoc />
    protected override long AverageRecordBytes => RecordBytes;

    // RecordInfo header, then key and value each aligned to 8 bytes, as FASTER's blittable allocator lays them out.
    private static long RecordBytes => sizeof(long) + Align(Unsafe.SizeOf<TKey>()) + Align(Unsafe.SizeOf<TValue>());

    /// <inheritdoc />
    public bool TryGet(in TKey key, out TValue value)
    {
        bool found = Read(ref Unsafe.AsRef(in key), out value);
        Remember(in key, found);
        return found;
    }

    /// <inheritdoc />
    public void ReadMany<TReceiver>(ReadOnlySpan<TKey> keys, ref TReceiver receiver)
        where TReceiver : struct, IBaseReadReceiver<TKey, TValue>
    {
        List<CompletedRead<TKey, TValue>> completed = _completed ??= [];
        Functions.Completed = completed;
        try
        {
            for (int start = 0; start < keys.Length; start += ReadBatchSize)
            {
                int pending = 0;
                foreach (ref readonly TKey key in keys.Slice(start, Math.Min(ReadBatchSize, keys.Length - start)))
                {
                    TValue output = default!;
                    Status status = Session.Read(ref Unsafe.AsRef(in key), ref output, Empty.Default, 0);
                    if (status.IsPending)
                    {
                        pending++;
                        continue;
                    }

                    Deliver(ref receiver, in key, status, in output);
                }

                if (pending == 0)
                {
                    continue;
                }

                CompletePendingReads(pending);
                foreach (CompletedRead<TKey, TValue> read in completed)
                {
                    Deliver(ref receiver, read.Id, read.Status, read.Output);
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
    public void Put(in TKey key, in TValue value) => Put(in key, in value, Exists(ref Unsafe.AsRef(in key)));

    /// <inheritdoc />
    /// <remarks>
    /// Under one epoch protection for the whole run (FASTER's unsafe context) rather than one per write, which is most of
    /// a blind write's cost when the index and log are in memory.
    /// </remarks>
    public void PutAll(ReadOnlySpan<KeyValuePair<TKey, TValue>> puts, int existing)
    {
        if (puts.IsEmpty) return;
        var context = Session.UnsafeContext;
        context.BeginUnsafe();
        try
        {
            foreach (KeyValuePair<TKey, TValue> put in puts)
            {
                TKey key = put.Key;
                TValue value = put.Value;
                if (context.Upsert(ref key, ref value, Empty.Default, 0).IsPending) context.CompletePending(wait: true);
            }
        }
        finally
        {
            context.EndUnsafe();
        }

        _count += puts.Length - existing;
        _updated += puts.Length;
        TKey last = puts[^1].Key;
        Remember(in last, exists: true);
    }

    /// <inheritdoc />
    public void Put(in TKey key, in TValue value, bool exists)
    {
        CompleteWrite(Session.Upsert(ref Unsafe.AsRef(in key), ref Unsafe.AsRef(in value), Empty.Default, 0));
        if (!exists)
        {
            _count++;
        }

        _updated++;
        Remember(in key, exists: true);
    }

    /// <inheritdoc />
    public bool Remove(in TKey key)
    {
        if (!Exists(ref Unsafe.AsRef(in key)))
        {
            return false;
        }

        RemoveLive(in key);
        return true;
    }

    /// <inheritdoc />
    public void RemoveLive(in TKey key)
    {
        CompleteWrite(Session.Delete(ref Unsafe.AsRef(in key), Empty.Default, 0));
        _count--;
        _removed++;
        Remember(in key, exists: false);
    }

    /// <inheritdoc />
    public void ForEach<TVisitor>(ref TVisitor visitor)
        where TVisitor : struct, IStateVisitor<TKey, TValue>
    {
        var adapter = new VisitorAdapter<TVisitor> { Inner = visitor };
        ScanLive(ref adapter);
        visitor = adapter.Inner;
    }

    private static int Align(int size) => (size + sizeof(long) - 1) & ~(sizeof(long) - 1);

    private bool Read(ref TKey key, out TValue value)
    {
        TValue output = default!;
        Status status = CompleteRead(Session.Read(ref key, ref output, Empty.Default, 0), ref output);
        value = output;
        return status.Found;
    }

    private bool Exists(ref TKey key)
    {
        if (_lastKeyKnown && BlittableKeyComparer<TKey>.Instance.Equals(ref _lastKey, ref key))
        {
            return _lastKeyExists;
        }

        return Read(ref key, out _);
    }

    private void Remember(in TKey key, bool exists)
    {
        _lastKey = key;
        _lastKeyExists = exists;
        _lastKeyKnown = true;
    }

    /// <summary>Hands FASTER's records to the operator's visitor; the store's types are the visitor's types.</summary>
    private struct VisitorAdapter<TVisitor> : ILiveRecordVisitor<TKey, TValue>
        where TVisitor : struct, IStateVisitor<TKey, TValue>
    {
        public TVisitor Inner;

        public void Visit(ref TKey key, ref TValue value) => Inner.Visit(in key, in value);
    }
}
