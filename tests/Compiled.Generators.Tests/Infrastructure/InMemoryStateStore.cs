using System.Buffers;
using System.Runtime.CompilerServices;
using Compiled.State;

namespace Compiled.Generators.Tests.Infrastructure;

/// <summary>
/// A state store for tests. When the plan supplies serialisers, keys and values are kept only as bytes, so every read
/// goes through the generated deserialiser: a broken serialiser shows up as a wrong query result.
/// </summary>
internal sealed class InMemoryStateStore<TKey, TValue> : IStateStore<TKey, TValue>
    where TKey : notnull
{
    private readonly Dictionary<object, (byte[]? KeyBytes, TKey Key, byte[]? ValueBytes, TValue Value)> _entries = new();
    private IStateSerializer<TKey>? _keySerializer;
    private IStateSerializer<TValue>? _valueSerializer;
    // GetOrAdd hands out a reference to this slot; the next call on the store encodes and stores it, so a value
    // written through the reference still passes through the generated serialiser.
    private TKey _pendingKey = default!;
    private TValue _pendingValue = default!;
    private bool _pending;

    public InMemoryStateStore(string operatorId, IStateSerializer<TKey>? keySerializer, IStateSerializer<TValue>? valueSerializer)
    {
        OperatorId = operatorId;
        Bind(keySerializer, valueSerializer);
    }

    public string OperatorId { get; }

    public long Count
    {
        get
        {
            Flush();
            return _entries.Count;
        }
    }

    /// <summary>Serialisers come from a new plan instance after a restart; the stored bytes stay.</summary>
    public void Bind(IStateSerializer<TKey>? keySerializer, IStateSerializer<TValue>? valueSerializer)
    {
        // The contract: types holding references must come with a serialiser; unmanaged ones need none.
        if (keySerializer is null && RuntimeHelpers.IsReferenceOrContainsReferences<TKey>())
            throw new InvalidOperationException($"Operator '{OperatorId}' opened a store with key type {typeof(TKey)} and no key serializer.");
        if (valueSerializer is null && RuntimeHelpers.IsReferenceOrContainsReferences<TValue>())
            throw new InvalidOperationException($"Operator '{OperatorId}' opened a store with value type {typeof(TValue)} and no value serializer.");
        _keySerializer = keySerializer;
        _valueSerializer = valueSerializer;
    }

    public bool TryGet(in TKey key, out TValue value)
    {
        Flush();
        if (_entries.TryGetValue(Token(key, out _), out var entry))
        {
            value = DecodeValue(entry.ValueBytes, entry.Value);
            return true;
        }
        value = default!;
        return false;
    }

    public void Prefetch(ReadOnlySpan<TKey> keys)
    {
        // Everything is in memory.
    }

    public void Put(in TKey key, in TValue value)
    {
        Flush();
        Store(key, value);
    }

    public void Put(in TKey key, in TValue value, bool exists)
    {
        if (TryGet(key, out _) != exists) throw new InvalidOperationException($"Operator '{OperatorId}' wrote key '{key}' with exists={exists}, which is wrong.");
        Store(key, value);
    }

    public void RemoveLive(in TKey key)
    {
        if (!Remove(key)) throw new InvalidOperationException($"Operator '{OperatorId}' removed key '{key}' as live, but it is absent.");
    }

    public ref TValue GetOrAdd(in TKey key, out bool exists)
    {
        Flush();
        exists = TryGet(key, out _pendingValue);
        _pendingKey = key;
        _pending = true;
        return ref _pendingValue;
    }

    private void Flush()
    {
        if (!_pending) return;
        _pending = false;
        Store(_pendingKey, _pendingValue);
    }

    private void Store(in TKey key, in TValue value)
    {
        object token = Token(key, out byte[]? keyBytes);
        byte[]? valueBytes = _valueSerializer is null ? null : Encode(_valueSerializer, value);
        _entries[token] = (keyBytes, keyBytes is null ? key : default!, valueBytes, valueBytes is null ? value : default!);
    }

    public bool Remove(in TKey key)
    {
        Flush();
        return _entries.Remove(Token(key, out _));
    }

    public bool TryRemove(in TKey key, out TValue value) => TryGet(key, out value) && Remove(key);

    // The test provider reports no metrics.
    public void ReportRows(long total, long updated, long removed)
    {
    }

    public void ForEach<TVisitor>(ref TVisitor visitor)
        where TVisitor : struct, IStateVisitor<TKey, TValue>
    {
        Flush();
        foreach (var entry in _entries.Values)
        {
            TKey key = entry.KeyBytes is null ? entry.Key : _keySerializer!.Deserialize(entry.KeyBytes);
            visitor.Visit(key, DecodeValue(entry.ValueBytes, entry.Value));
        }
    }

    private object Token(in TKey key, out byte[]? keyBytes)
    {
        if (_keySerializer is null)
        {
            keyBytes = null;
            return key;
        }
        keyBytes = Encode(_keySerializer, key);
        return Convert.ToBase64String(keyBytes);
    }

    private TValue DecodeValue(byte[]? bytes, TValue raw) => bytes is null ? raw : _valueSerializer!.Deserialize(bytes);

    private static byte[] Encode<T>(IStateSerializer<T> serializer, in T value)
    {
        var writer = new ArrayBufferWriter<byte>();
        serializer.Serialize(value, writer);
        return writer.WrittenSpan.ToArray();
    }
}
