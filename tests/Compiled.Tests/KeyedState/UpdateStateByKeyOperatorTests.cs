using Compiled.KeyedState;
using Compiled.Plans;
using Compiled.State;
using Compiled.State.Serializers;

namespace Compiled.Tests.KeyedState;

/// <summary>
/// The runtime pieces under UpdateStateByKey and nullable keys: the keyed-state operator calling every stored key once
/// per batch (with rows, or without), and <see cref="NullableKey{T}"/> with its serialiser.
/// </summary>
public sealed class UpdateStateByKeyOperatorTests
{
    /// <summary>Records each call, adds the rows to a running count, and removes a key whose count reaches zero (a decay of one per batch without rows).</summary>
    private struct Counting(List<string> calls) : IGroupStateFunction<NullableKey<string>, int, long>
    {
        public void Call(NullableKey<string> key, List<int> rows, GroupState<long> state)
        {
            calls.Add((key.Value ?? "null") + ":" + rows.Count);
            long next = rows.Count > 0 ? state.GetOrDefault(0) + rows.Count : state.Get() - 1;
            if (next == 0) state.Remove();
            else state.Update(next);
        }
    }

    [Fact]
    public void Every_stored_key_is_called_once_per_batch_and_keys_without_rows_get_none()
    {
        var store = new InMemoryStateStore<NullableKey<string>, GroupStateEntry<long>>("groupstate0");
        var op = new GroupStateOperator<NullableKey<string>, int, long>(store, GroupStateTimeout.NoTimeout, everyKey: true);
        var calls = new List<string>();
        var function = new Counting(calls);
        var batch = new BatchContext();

        op.Add(NullableKey.Of("a"), 1);
        op.Add(NullableKey.Of((string?)null), 2);
        op.Add(NullableKey.Of("a"), 3);
        op.Run(ref function, batch);
        Assert.Equal(["a:2", "null:1"], calls);

        calls.Clear();
        op.Add(NullableKey.Of("b"), 4);
        op.Run(ref function, batch);
        Assert.Equal(["a:0", "b:1", "null:0"], calls.Order(StringComparer.Ordinal));
        // null went 1 -> 0 and was removed; a is at 1, b at 1.
        Assert.Equal(2, store.Count);

        calls.Clear();
        op.Run(ref function, batch);
        Assert.Equal(["a:0", "b:0"], calls.Order(StringComparer.Ordinal));
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public void Without_every_key_only_keys_with_rows_are_called()
    {
        var store = new InMemoryStateStore<NullableKey<string>, GroupStateEntry<long>>("groupstate0");
        var op = new GroupStateOperator<NullableKey<string>, int, long>(store, GroupStateTimeout.NoTimeout);
        var calls = new List<string>();
        var function = new Counting(calls);
        op.Add(NullableKey.Of("a"), 1);
        op.Run(ref function, new BatchContext());
        op.Add(NullableKey.Of("b"), 1);
        op.Run(ref function, new BatchContext());
        Assert.Equal(["a:1", "b:1"], calls);
    }

    [Fact]
    public void A_null_key_is_one_key_distinct_from_every_value_and_round_trips()
    {
        Assert.Equal(NullableKey.Of((int?)null), NullableKey.Of((int?)null));
        Assert.NotEqual(NullableKey.Of((int?)0), NullableKey.Of((int?)null));
        Assert.Null(NullableKey.ToNullable(NullableKey.Of((int?)null)));
        Assert.Equal(7, NullableKey.ToNullable(NullableKey.Of((int?)7)));
        // Packed: no padding bytes for a raw store to hash.
        Assert.Equal(sizeof(bool) + sizeof(long), System.Runtime.CompilerServices.Unsafe.SizeOf<NullableKey<long>>());

        var serializer = new NullableKeySerializer<string>(StringStateSerializer.Instance);
        var encoded = new List<byte[]>();
        foreach (string? key in new[] { null, "", "abc", "Zoë" })
        {
            var writer = new System.Buffers.ArrayBufferWriter<byte>();
            serializer.Serialize(NullableKey.Of(key), writer);
            encoded.Add(writer.WrittenSpan.ToArray());
            Assert.Equal(NullableKey.Of(key), serializer.Deserialize(writer.WrittenSpan));
        }
        Assert.Equal(encoded.Count, encoded.Select(Convert.ToHexString).Distinct().Count());
    }
}
