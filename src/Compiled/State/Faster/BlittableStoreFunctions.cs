using FASTER.core;

namespace Compiled.State.Faster;

/// <summary>
/// FASTER callbacks for a store whose keys and values are unmanaged: values are copied as they are. Input and
/// output are the value type; there is no context.
/// </summary>
internal sealed class BlittableStoreFunctions<TKey, TValue> : FunctionsBase<TKey, TValue, TValue, TValue, Empty>, IPendingReadResult<TValue>
{
    /// <inheritdoc />
    public Status PendingStatus { get; private set; }

    /// <inheritdoc />
    public TValue PendingOutput { get; private set; } = default!;

    /// <inheritdoc />
    public long PendingAddress { get; private set; }

    /// <summary>While set (a batch of reads), reads completed from disk are added here, with their key, instead of parked one at a time.</summary>
    public List<CompletedRead<TKey, TValue>>? Completed { get; set; }

    /// <inheritdoc />
    public override bool SingleReader(ref TKey key, ref TValue input, ref TValue value, ref TValue dst, ref ReadInfo readInfo)
    {
        dst = value;
        return true;
    }

    /// <inheritdoc />
    public override bool ConcurrentReader(ref TKey key, ref TValue input, ref TValue value, ref TValue dst, ref ReadInfo readInfo)
    {
        dst = value;
        return true;
    }

    /// <inheritdoc />
    public override bool SingleWriter(ref TKey key, ref TValue input, ref TValue src, ref TValue dst, ref TValue output, ref UpsertInfo upsertInfo, WriteReason reason)
    {
        dst = src;
        return true;
    }

    /// <inheritdoc />
    public override bool ConcurrentWriter(ref TKey key, ref TValue input, ref TValue src, ref TValue dst, ref TValue output, ref UpsertInfo upsertInfo)
    {
        dst = src;
        return true;
    }

    /// <inheritdoc />
    public override void ReadCompletionCallback(ref TKey key, ref TValue input, ref TValue output, Empty ctx, Status status, RecordMetadata recordMetadata)
    {
        if (Completed is { } completed)
        {
            completed.Add(new CompletedRead<TKey, TValue>(key, status, output));
            return;
        }

        PendingStatus = status;
        PendingOutput = output;
        PendingAddress = recordMetadata.Address;
    }
}
