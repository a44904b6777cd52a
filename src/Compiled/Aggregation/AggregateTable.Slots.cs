using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Compiled.Aggregation;

/// <summary>The slots: placing a group, stamps, growth and prefetch hints.</summary>
public sealed partial class AggregateTable<TKey, TValue, TKeyOps>
{
    private const int InitialSlots = 32;

    private Entry[] _slots;
    // The slot of each group, in first-seen order.
    private int[] _order;
    // The stamp of each slot, for keys whose hash is the slot's mark; null when the mark is the stamp.
    private int[]? _stamps;
    private int _shift;
    private int _count;

    /// <summary>Brings the slot of <paramref name="key"/> into the cache: the generated row loop calls it a few rows ahead of its lookups.</summary>
    /// <remarks>A hint only: a key that probes past its home slot still misses there.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Prefetch(in TKey key) => PrefetchSlot(Home(Tag(default(TKeyOps).Hash(in key))));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private unsafe void PrefetchSlot(int slot)
    {
        // A hint, so the slot is not pinned: were the array moved before the prefetch, it would only miss.
        if (Sse.IsSupported) Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_slots), slot)));
    }

    // The slot holding <key> (found) or the free slot where it would go.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Probe(in TKey key, int tag, out bool found)
    {
        Entry[] slots = _slots;
        int mask = slots.Length - 1;
        int slot = Home(tag);
        for (; slots[slot].Mark != 0; slot = (slot + 1) & mask)
        {
            ref Entry entry = ref slots[slot];
            if ((!default(TKeyOps).StoresHash || entry.Mark == tag) && default(TKeyOps).Equal(in entry.Key, in key))
            {
                found = true;
                return slot;
            }
        }
        found = false;
        return slot;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int StampOf(int slot) => default(TKeyOps).StoresHash ? _stamps![slot] : _slots[slot].Mark;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SetStamp(int slot, int stamp)
    {
        if (default(TKeyOps).StoresHash) _stamps![slot] = stamp;
        else _slots[slot].Mark = stamp;
    }

    // Adds the key at free slot <slot> (found for its tag) with the given stamp; grows first when the table is half full.
    private ref TValue Place(int slot, int tag, int stamp, TKey key)
    {
        if (_count == _order.Length)
        {
            Grow();
            slot = EmptySlot(tag);
        }
        _order[_count++] = slot;
        ref Entry created = ref _slots[slot];
        if (default(TKeyOps).StoresHash)
        {
            created.Mark = tag;
            _stamps![slot] = stamp;
        }
        else
        {
            created.Mark = stamp;
        }
        created.Key = key;
        // A free slot is all default (new or cleared), so the accumulator starts at zero.
        return ref created.Value;
    }

    // Doubles the slots; the lists of slots (first-seen and changed) follow their groups.
    private void Grow()
    {
        Entry[] old = _slots;
        int[]? oldStamps = _stamps;
        _slots = new Entry[old.Length * 2];
        if (oldStamps is not null) _stamps = new int[_slots.Length];
        _shift--;
        Array.Resize(ref _order, _order.Length * 2);
        int[]? moved = _changedCount > 0 ? new int[old.Length] : null;
        for (int i = 0; i < _count; i++)
        {
            int from = _order[i];
            ref Entry entry = ref old[from];
            int slot = EmptySlot(default(TKeyOps).StoresHash ? entry.Mark : Tag(default(TKeyOps).Hash(in entry.Key)));
            _slots[slot] = entry;
            if (oldStamps is not null) _stamps![slot] = oldStamps[from];
            _order[i] = slot;
            if (moved is not null) moved[from] = slot;
        }
        for (int i = 0; i < _changedCount; i++) _changed[i] = moved![_changed[i]];
    }

    private int EmptySlot(int tag)
    {
        int mask = _slots.Length - 1;
        int slot = Home(tag);
        while (_slots[slot].Mark != 0) slot = (slot + 1) & mask;
        return slot;
    }

    // Empties the used slots only: a small batch does not pay for the size an earlier batch grew the table to.
    private void Clear()
    {
        Entry[] slots = _slots;
        int[] order = _order;
        for (int i = 0; i < _count; i++) slots[order[i]] = default;
        _count = 0;
    }

    // A stored hash is the slot's mark, so its top bit is set to keep it non-zero.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Tag(int hash) => default(TKeyOps).StoresHash ? hash | int.MinValue : hash;

    // Fibonacci hashing spreads weak hash codes (small integers, multiples of a power of two) over the slots.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Home(int tag) => (int)(unchecked((uint)tag * 2654435769u) >> _shift);
}
