using FASTER.core;

namespace Compiled.State.Faster;

/// <summary>
/// FASTER callbacks for a store of serialized keys and values (<see cref="SpanByte"/>): writes copy bytes (the base
/// class handles variable lengths), reads decode the value with the operator's serializer directly from the log
/// page or disk buffer, and only when the caller asked for it (<see cref="ValueSlot{TValue}.Decode"/>).
/// </summary>
internal sealed class SerializedStoreFunctions<TValue> : SpanByteFunctions<SpanByte, ValueSlot<TValue>, Empty>, IPendingReadResult<ValueSlot<TValue>>
{
    private readonly IStateSerializer<TValue> _valueSerializer;

    public SerializedStoreFunctions(IStateSerializer<TValue> valueSerializer) => _valueSerializer = valueSerializer;

    /// <inheritdoc />
    public Status PendingStatus { get; private set; }

    /// <inheritdoc />
    public ValueSlot<TValue> PendingOutput { get; private set; }

    /// <inheritdoc />
    public long PendingAddress { get; private set; }

    /// <summary>
    /// While set (a batch of reads), reads completed from disk are added here, named by their place in the batch
    /// (<see cref="ValueSlot{TValue}.Index"/>), instead of parked one at a time.
    /// </summary>
    public List<CompletedRead<int, ValueSlot<TValue>>>? Completed { get; set; }

    /// <inheritdoc />
    public override bool SingleReader(ref SpanByte key, ref SpanByte input, ref SpanByte value, ref ValueSlot<TValue> dst, ref ReadInfo readInfo)
    {
        if (dst.Decode)
        {
            dst.Value = _valueSerializer.Deserialize(value.AsReadOnlySpan());
        }

        return true;
    }

    /// <inheritdoc />
    public override bool ConcurrentReader(ref SpanByte key, ref SpanByte input, ref SpanByte value, ref ValueSlot<TValue> dst, ref ReadInfo readInfo)
        => SingleReader(ref key, ref input, ref value, ref dst, ref readInfo);

    /// <inheritdoc />
    public override void ReadCompletionCallback(ref SpanByte key, ref SpanByte input, ref ValueSlot<TValue> output, Empty ctx, Status status, RecordMetadata recordMetadata)
    {
        if (Completed is { } completed)
        {
            completed.Add(new CompletedRead<int, ValueSlot<TValue>>(output.Index, status, output));
            return;
        }

        PendingStatus = status;
        PendingOutput = output;
        PendingAddress = recordMetadata.Address;
    }
}
