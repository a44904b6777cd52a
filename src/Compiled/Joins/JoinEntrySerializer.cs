using System.Buffers;
using System.Buffers.Binary;
using Compiled.State;

namespace Compiled.Joins;

/// <summary>
/// Encodes a <see cref="JoinEntry{TKey, TLeft, TRight}"/>: a side and matched byte, the time, then the key and the side's
/// row, each length-prefixed, through the (generated or built-in) serializers of their types.
/// </summary>
internal sealed class JoinEntrySerializer<TKey, TLeft, TRight>(
    IStateSerializer<TKey> key, IStateSerializer<TLeft> left, IStateSerializer<TRight> right)
    : IStateSerializer<JoinEntry<TKey, TLeft, TRight>>
{
    // Per thread: the batch thread encodes changelog frames while the base thread encodes the same entries into FASTER, and
    // one buffer shared by both mixed their bytes (a recovery then failed on a length prefix that did not fit).
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_scratch;

    public void Serialize(in JoinEntry<TKey, TLeft, TRight> value, IBufferWriter<byte> writer)
    {
        var head = writer.GetSpan(10);
        head[0] = (byte)((value.IsLeft ? 1 : 0) | (value.Matched ? 2 : 0));
        BinaryPrimitives.WriteInt64LittleEndian(head.Slice(1), value.TimeMs);
        writer.Advance(9);
        WritePrefixed(key, in value.Key, writer);
        if (value.IsLeft) WritePrefixed(left, in value.Left, writer);
        else WritePrefixed(right, in value.Right, writer);
    }

    public JoinEntry<TKey, TLeft, TRight> Deserialize(ReadOnlySpan<byte> bytes)
    {
        var entry = new JoinEntry<TKey, TLeft, TRight>
        {
            IsLeft = (bytes[0] & 1) != 0,
            Matched = (bytes[0] & 2) != 0,
            TimeMs = BinaryPrimitives.ReadInt64LittleEndian(bytes.Slice(1)),
        };
        var rest = bytes.Slice(9);
        entry.Key = key.Deserialize(Prefixed(ref rest));
        if (entry.IsLeft) entry.Left = left.Deserialize(Prefixed(ref rest));
        else entry.Right = right.Deserialize(Prefixed(ref rest));
        return entry;
    }

    private void WritePrefixed<T>(IStateSerializer<T> serializer, in T value, IBufferWriter<byte> writer)
    {
        ArrayBufferWriter<byte> scratch = t_scratch ??= new ArrayBufferWriter<byte>(256);
        scratch.Clear();
        serializer.Serialize(in value, scratch);
        var span = writer.GetSpan(4 + scratch.WrittenCount);
        BinaryPrimitives.WriteInt32LittleEndian(span, scratch.WrittenCount);
        scratch.WrittenSpan.CopyTo(span.Slice(4));
        writer.Advance(4 + scratch.WrittenCount);
    }

    private static ReadOnlySpan<byte> Prefixed(ref ReadOnlySpan<byte> bytes)
    {
        int length = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        var value = bytes.Slice(4, length);
        bytes = bytes.Slice(4 + length);
        return value;
    }
}
