using Compiled.Aggregation;
using Compiled.Windows;

namespace Compiled.Joins;

// Key types may be nullable; a null key is never put in the dictionary (such a row is kept but not linked).
#pragma warning disable CS8714

/// <summary>
/// The in-memory index of one side of a stream-stream join: rows chained by key (a lookup walks the rows of one key
/// without allocating) and, when the join evicts, a queue by event time. The join's state store is the durable copy;
/// this index is rebuilt from it when the plan opens.
/// </summary>
/// <typeparam name="TKey">The join key.</typeparam>
/// <typeparam name="TRow">This side's row type.</typeparam>
/// <typeparam name="TKeyOps">Generated hashing and equality of the key.</typeparam>
public sealed class JoinSide<TKey, TRow, TKeyOps>
    where TKeyOps : struct, IBatchKeyOps<TKey>
{
    private readonly Dictionary<TKey, int> _heads = new(KeyOpsComparer<TKey, TKeyOps>.Instance);
    private readonly PriorityQueue<(int Slot, long Id), long> _byTime = new();
    private readonly bool _evicts;
    private Slot[] _slots = new Slot[16];
    private int _used;
    private int _free = -1;

    internal JoinSide(bool evicts) => _evicts = evicts;

    /// <summary>Rows buffered on this side.</summary>
    public int Count { get; private set; }

    /// <summary>The first buffered row with key <paramref name="key"/>, or -1; <see cref="Next"/> walks the rest.</summary>
    public int First(in TKey key) => key is not null && _heads.TryGetValue(key, out int head) ? head : -1;

    /// <summary>The next row with the same key as <paramref name="slot"/>, or -1.</summary>
    public int Next(int slot) => _slots[slot].Next;

    /// <summary>The row in <paramref name="slot"/>.</summary>
    public ref readonly TRow Row(int slot) => ref _slots[slot].Row;

    /// <summary>True when a row of the other side has matched the row in <paramref name="slot"/>.</summary>
    public bool IsMatched(int slot) => _slots[slot].Matched;

    /// <summary>The smallest event time buffered, or <see cref="long.MaxValue"/> (only for a side that evicts).</summary>
    internal long MinTimeMs => _byTime.TryPeek(out _, out long time) ? time : long.MaxValue;

    internal long IdAt(int slot) => _slots[slot].Id;

    internal ref readonly TKey KeyAt(int slot) => ref _slots[slot].Key;

    internal long TimeAt(int slot) => _slots[slot].TimeMs;

    internal void SetMatched(int slot) => _slots[slot].Matched = true;

    /// <summary>Buffers a row; a row whose key is null is kept (an outer join writes it) but never found.</summary>
    internal int Add(long id, in TKey key, in TRow row, long timeMs, bool matched)
    {
        int slot;
        if (_free >= 0)
        {
            slot = _free;
            _free = _slots[slot].Next;
        }
        else
        {
            if (_used == _slots.Length) Array.Resize(ref _slots, _slots.Length * 2);
            slot = _used++;
        }
        ref var s = ref _slots[slot];
        s.Id = id;
        s.Key = key;
        s.Row = row;
        s.TimeMs = timeMs;
        s.Matched = matched;
        s.Prev = -1;
        s.Next = -1;
        s.Linked = key is not null;
        if (s.Linked)
        {
            // New rows go to the front: O(1), and a lookup sees the newest rows first.
            ref int head = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_heads, key!, out bool exists);
            if (exists)
            {
                s.Next = head;
                _slots[head].Prev = slot;
            }
            head = slot;
        }
        if (_evicts) _byTime.Enqueue((slot, id), timeMs);
        Count++;
        return slot;
    }

    /// <summary>The slot of the oldest row whose time is at or before <paramref name="thresholdMs"/>, taken off the time queue.</summary>
    internal bool TryTakeExpired(long thresholdMs, out int slot)
    {
        while (_byTime.TryPeek(out var entry, out long time) && time <= thresholdMs)
        {
            _byTime.Dequeue();
            if (_slots[entry.Slot].Id != entry.Id) continue;
            slot = entry.Slot;
            return true;
        }
        slot = -1;
        return false;
    }

    /// <summary>Removes the row in <paramref name="slot"/> from its key's chain and frees the slot.</summary>
    internal void Remove(int slot)
    {
        ref var s = ref _slots[slot];
        if (s.Linked)
        {
            if (s.Next >= 0) _slots[s.Next].Prev = s.Prev;
            if (s.Prev >= 0)
            {
                _slots[s.Prev].Next = s.Next;
            }
            else if (s.Next >= 0)
            {
                _heads[s.Key] = s.Next;
            }
            else
            {
                _heads.Remove(s.Key);
            }
        }
        s = default;
        s.Id = -1;
        s.Next = _free;
        _free = slot;
        Count--;
    }

    private struct Slot
    {
        public long Id;
        public TKey Key;
        public TRow Row;
        public long TimeMs;
        public bool Matched;
        public bool Linked;
        public int Next;
        public int Prev;
    }
}
