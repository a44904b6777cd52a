using Compiled.State.Faster;
using System.Buffers;
using System.Runtime.CompilerServices;
using Compiled.State;
using Compiled.State.Serializers;

namespace Compiled.Tests.State;

/// <summary>A record value that holds references, stored through <see cref="TotalsSerializer"/>.</summary>
public sealed record Totals(string Name, long Sum, int Count);

/// <summary>What the generator would emit for <see cref="Totals"/>: fields in order, strings length-prefixed.</summary>
public sealed class TotalsSerializer : IStateSerializer<Totals>
{
    public void Serialize(in Totals value, IBufferWriter<byte> writer)
    {
        StringStateSerializer.Write(value.Name, writer);
        UnmanagedStateSerializer<long>.Write(value.Sum, writer);
        UnmanagedStateSerializer<int>.Write(value.Count, writer);
    }

    public Totals Deserialize(ReadOnlySpan<byte> bytes)
    {
        string name = StringStateSerializer.Read(ref bytes);
        long sum = UnmanagedStateSerializer<long>.Read(ref bytes);
        int count = UnmanagedStateSerializer<int>.Read(ref bytes);
        return new Totals(name, sum, count);
    }
}

/// <summary>A composite unmanaged key, as a window aggregation would use.</summary>
public readonly record struct WindowKey(long WindowStart, int Group);

/// <summary>A 240-byte unmanaged value, so that a few thousand keys outgrow a small memory budget.</summary>
[InlineArray(30)]
public struct Payload
{
    private long _element;

    public static Payload For(long seed)
    {
        var payload = default(Payload);
        for (int i = 0; i < 30; i++)
        {
            payload[i] = seed * 31 + i;
        }

        return payload;
    }

    /// <summary>Element-wise equality (the default struct equality would compare only the first element).</summary>
    public static bool Same(Payload left, Payload right) => ((ReadOnlySpan<long>)left).SequenceEqual(right);
}

/// <summary>Collects every visited entry and fails on a key visited twice.</summary>
public struct CollectingVisitor<TKey, TValue> : IStateVisitor<TKey, TValue>
    where TKey : notnull
{
    public CollectingVisitor() => Entries = [];

    public Dictionary<TKey, TValue> Entries { get; }

    public readonly void Visit(in TKey key, in TValue value)
    {
        Assert.True(Entries.TryAdd(key, value), $"ForEach visited key {key} twice.");
    }
}

/// <summary>Test helpers over the state contract.</summary>
internal static class StateAssert
{
    /// <summary>Asserts that the store holds exactly <paramref name="expected"/>, through TryGet, Count and ForEach.</summary>
    public static void Matches<TKey, TValue>(IReadOnlyDictionary<TKey, TValue> expected, IStateStore<TKey, TValue> store)
        where TKey : notnull =>
        Matches(expected, store.Count, store.ForEach, (in TKey k, out TValue v) => store.TryGet(k, out v));

    /// <summary>The same over a FASTER base store.</summary>
    public static void Matches<TKey, TValue>(IReadOnlyDictionary<TKey, TValue> expected, IBaseStore<TKey, TValue> store)
        where TKey : notnull =>
        Matches(expected, store.Count, store.ForEach, (in TKey k, out TValue v) => store.TryGet(k, out v));

    /// <summary>Asserts that the store holds exactly the keys of <paramref name="expected"/> (key to payload seed), each with its payload, through ForEach and Count.</summary>
    public static void MatchesPayloads(Dictionary<long, long> expected, IStateStore<long, Payload> store)
    {
        var visitor = new CollectingVisitor<long, Payload>();
        store.ForEach(ref visitor);
        Assert.Equal(expected.Count, store.Count);
        Assert.Equal(expected.Count, visitor.Entries.Count);
        foreach ((long key, long seed) in expected)
        {
            Assert.True(Payload.Same(Payload.For(seed), visitor.Entries[key]), $"ForEach gave key {key} a wrong value.");
        }
    }

    private delegate void Visit<TKey, TValue>(ref CollectingVisitor<TKey, TValue> visitor)
        where TKey : notnull;

    private delegate bool Read<TKey, TValue>(in TKey key, out TValue value);

    private static void Matches<TKey, TValue>(IReadOnlyDictionary<TKey, TValue> expected, long count, Visit<TKey, TValue> forEach, Read<TKey, TValue> tryGet)
        where TKey : notnull
    {
        Assert.Equal(expected.Count, count);
        var visitor = new CollectingVisitor<TKey, TValue>();
        forEach(ref visitor);
        Assert.Equal(expected.Count, visitor.Entries.Count);
        foreach ((TKey key, TValue value) in expected)
        {
            Assert.True(visitor.Entries.TryGetValue(key, out TValue? visited), $"ForEach missed key {key}.");
            Assert.Equal(value, visited);
            Assert.True(tryGet(key, out TValue? read), $"TryGet missed key {key}.");
            Assert.Equal(value, read);
        }
    }
}
