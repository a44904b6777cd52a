using System.Numerics;
using System.Runtime.CompilerServices;

namespace Compiled.Aggregation;

/// <summary>
/// Pre-aggregates one micro-batch: one entry per distinct key, iterated in first-seen order. Open addressing with linear
/// probing and the entries stored in the slots themselves, so a lookup reads one place in memory rather than a slot and
/// then the entry it points to. A separate list of slots in first-seen order makes iteration independent of hash codes
/// (string hashes are randomised per process), so a replayed batch emits its groups in the same order.
/// </summary>
/// <typeparam name="TKey">The group key.</typeparam>
/// <typeparam name="TValue">The accumulator; a new key's starts as <c>default</c>.</typeparam>
/// <typeparam name="TKeyOps">Hashing and equality of the key, as a struct so each call is specialised and inlined.</typeparam>
public sealed class BatchTable<TKey, TValue, TKeyOps>
    where TKeyOps : struct, IBatchKeyOps<TKey>
{
    private const int InitialSlots = 32;

    // At most half the slots are used, which keeps probes short.
    private Entry[] _slots;
    // The slot of each key, in first-seen order.
    private int[] _order;
    private int _shift;
    private int _count;

    /// <summary>An empty table of the smallest size.</summary>
    public BatchTable()
        : this(0)
    {
    }

    /// <summary>An empty table sized for <paramref name="expectedKeys"/> keys without growing (the window tables size a new window like the last).</summary>
    public BatchTable(int expectedKeys)
    {
        int slots = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(2L * expectedKeys, InitialSlots, 1 << 30));
        _slots = new Entry[slots];
        _order = new int[slots / 2];
        _shift = 32 - BitOperations.Log2((uint)slots);
    }

    /// <summary>Number of distinct keys in the batch.</summary>
    public int Count => _count;

    /// <summary>Entry <paramref name="index"/>, in first-seen order.</summary>
    public ref Entry EntryAt(int index) => ref _slots[_order[index]];

    /// <summary>Empties the table for the next batch, keeping its size.</summary>
    public void Clear()
    {
        // Only the used slots: a small batch does not pay for the size an earlier batch grew the table to.
        Entry[] slots = _slots;
        int[] order = _order;
        for (int i = 0; i < _count; i++) slots[order[i]] = default;
        _count = 0;
    }

    /// <summary>The accumulator of <paramref name="key"/>; <paramref name="added"/> is true when the key is new in this batch.</summary>
    public ref TValue FindOrAdd(in TKey key, out bool added)
    {
        int hash = Tag(default(TKeyOps).Hash(in key));
        Entry[] slots = _slots;
        int mask = slots.Length - 1;
        int slot = Home(hash);
        for (; slots[slot].Meta != 0; slot = (slot + 1) & mask)
        {
            ref Entry entry = ref slots[slot];
            if ((!default(TKeyOps).StoresHash || entry.Meta == hash) && default(TKeyOps).Equal(in entry.Key, in key))
            {
                added = false;
                return ref entry.Value;
            }
        }
        added = true;
        return ref Add(slot, hash, key);
    }

    /// <summary>
    /// The accumulator of the key <paramref name="key"/> stands for; <paramref name="added"/> is true when the key is new in
    /// this batch, and only then is the key materialised through <typeparamref name="TAltOps"/>.
    /// </summary>
    public ref TValue FindOrAdd<TAlt, TAltOps>(TAlt key, out bool added)
        where TAlt : allows ref struct
        where TAltOps : struct, IBatchAlternateKeyOps<TAlt, TKey>
    {
        int hash = Tag(default(TAltOps).Hash(key));
        Entry[] slots = _slots;
        int mask = slots.Length - 1;
        int slot = Home(hash);
        for (; slots[slot].Meta != 0; slot = (slot + 1) & mask)
        {
            ref Entry entry = ref slots[slot];
            if ((!default(TKeyOps).StoresHash || entry.Meta == hash) && default(TAltOps).Equal(key, in entry.Key))
            {
                added = false;
                return ref entry.Value;
            }
        }
        added = true;
        return ref Add(slot, hash, default(TAltOps).Create(key));
    }

    // Kept out of line: a key new to the batch is the rare case, and a smaller probe loop keeps its registers.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private ref TValue Add(int slot, int hash, TKey key)
    {
        if (_count == _order.Length)
        {
            Grow();
            slot = EmptySlot(hash);
        }
        _order[_count++] = slot;
        // A free slot is all default (new or cleared), so the accumulator starts at zero.
        ref Entry created = ref _slots[slot];
        created.Meta = default(TKeyOps).StoresHash ? hash : 1;
        created.Key = key;
        return ref created.Value;
    }

    private void Grow()
    {
        Entry[] old = _slots;
        _slots = new Entry[old.Length * 2];
        _shift--;
        Array.Resize(ref _order, _order.Length * 2);
        for (int i = 0; i < _count; i++)
        {
            ref Entry entry = ref old[_order[i]];
            int slot = EmptySlot(default(TKeyOps).StoresHash ? entry.Meta : default(TKeyOps).Hash(in entry.Key));
            _slots[slot] = entry;
            _order[i] = slot;
        }
    }

    private int EmptySlot(int hash)
    {
        int mask = _slots.Length - 1;
        int slot = Home(hash);
        while (_slots[slot].Meta != 0) slot = (slot + 1) & mask;
        return slot;
    }

    // A stored hash doubles as the slot's used mark, so its top bit is set to keep it non-zero.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Tag(int hash) => default(TKeyOps).StoresHash ? hash | int.MinValue : hash;

    // Fibonacci hashing spreads weak hash codes (small integers, multiples of a power of two) over the slots.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Home(int hash) => (int)(unchecked((uint)hash * 2654435769u) >> _shift);

    /// <summary>A slot: its mark (the key's hash with the top bit set, or 1, when used; 0 when free), key and accumulator.</summary>
    public struct Entry
    {
        internal int Meta;

        /// <summary>The group key.</summary>
        public TKey Key;

        /// <summary>The group's accumulator for this batch.</summary>
        public TValue Value;
    }
}
