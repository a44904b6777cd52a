using System.Numerics;
using System.Runtime.CompilerServices;
using Compiled.Aggregation;

namespace Compiled.Windows;

/// <summary>
/// The entries of one window (or pane): a hash index of slots holding entry numbers, over a dense array of the entries in
/// first-seen order.
/// </summary>
/// <remarks>
/// <para>Unlike <see cref="BatchTable{TKey, TValue, TKeyOps}"/>, whose entries live in the slots themselves, the entries
/// here are dense: a window is filled once, while it is hot in cache, and then read whole when it is emitted, encoded or
/// closed, usually a batch later when it has long left the cache. Reading a dense array is a sequential stream the
/// prefetcher follows; reading entries scattered over a half-empty slot array costs a cache miss per entry. Emptying a
/// window for reuse clears only the small slot index.</para>
/// <para>First-seen order makes iteration independent of hash codes (string hashes are randomised per process), so a
/// replayed batch emits its groups in the same order.</para>
/// </remarks>
/// <typeparam name="TKey">The other key parts.</typeparam>
/// <typeparam name="TAcc">The generated accumulator.</typeparam>
/// <typeparam name="TKeyOps">Hashing and equality of <typeparamref name="TKey"/>.</typeparam>
internal sealed class WindowEntries<TKey, TAcc, TKeyOps>
    where TAcc : struct, IWindowAccumulator<TAcc>
    where TKeyOps : struct, IBatchKeyOps<TKey>
{
    private const int InitialEntries = 16;

    // Entry number + 1 per slot (0: free); at most half the slots are used, which keeps probes short.
    private int[] _slots;
    private Entry[] _entries;
    // Each entry's hash, only for keys whose operations store it (costly equality, such as strings): other keys keep the
    // entry at its key, stamp and accumulator (16 bytes for an int key and a count), and a growing table rehashes them.
    private int[]? _hashes;
    private int _shift;
    private int _count;

    /// <summary>An empty table sized for <paramref name="expectedKeys"/> keys without growing.</summary>
    public WindowEntries(int expectedKeys)
    {
        int entries = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(expectedKeys, InitialEntries, 1 << 29));
        _entries = Allocate<Entry>(entries);
        if (default(TKeyOps).StoresHash) _hashes = Allocate<int>(entries);
        _slots = Allocate<int>(entries * 2);
        _shift = 32 - BitOperations.Log2((uint)_slots.Length);
    }

    /// <summary>Number of keys.</summary>
    public int Count => _count;

    /// <summary>Entry <paramref name="index"/>, in first-seen order.</summary>
    public ref Entry EntryAt(int index) => ref _entries[index];

    /// <summary>Empties the table, keeping its size.</summary>
    public void Clear()
    {
        Array.Clear(_slots);
        // Entries past the count are overwritten whole when reused; only references need dropping for the collector.
        if (RuntimeHelpers.IsReferenceOrContainsReferences<Entry>()) Array.Clear(_entries, 0, _count);
        _count = 0;
    }

    /// <summary>The cell of <paramref name="key"/>, added empty (<paramref name="added"/> true) when the table lacks it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref Entry FindOrAdd(in TKey key, out bool added)
    {
        int hash = default(TKeyOps).Hash(in key);
        int[] slots = _slots;
        Entry[] entries = _entries;
        int mask = slots.Length - 1;
        int slot = Home(hash);
        for (int used; (used = slots[slot]) != 0; slot = (slot + 1) & mask)
        {
            ref Entry entry = ref entries[used - 1];
            if ((!default(TKeyOps).StoresHash || _hashes![used - 1] == hash) && default(TKeyOps).Equal(in entry.Key, in key))
            {
                added = false;
                return ref entry;
            }
        }
        added = true;
        // Inline: in sparse windows (about one row per key, as in W2) nearly every row adds a key; only growing is out of line.
        int count = _count;
        if (count == entries.Length) return ref AddGrowing(in key);
        slots[slot] = count + 1;
        _count = count + 1;
        if (default(TKeyOps).StoresHash) _hashes![count] = hash;
        ref Entry created = ref entries[count];
        created.Key = key;
        created.Stamp = 0;
        created.Accumulator = default;
        return ref created;
    }

    /// <summary>The entry of <paramref name="key"/>, or a null reference (<see cref="Unsafe.IsNullRef{T}(ref readonly T)"/>) when the table lacks it.</summary>
    public ref Entry Find(in TKey key)
    {
        int hash = default(TKeyOps).Hash(in key);
        int[] slots = _slots;
        Entry[] entries = _entries;
        int mask = slots.Length - 1;
        for (int slot = Home(hash), used; (used = slots[slot]) != 0; slot = (slot + 1) & mask)
        {
            ref Entry entry = ref entries[used - 1];
            if ((!default(TKeyOps).StoresHash || _hashes![used - 1] == hash) && default(TKeyOps).Equal(in entry.Key, in key)) return ref entry;
        }
        return ref Unsafe.NullRef<Entry>();
    }

    // Out of line, so the probe loop keeps its registers: a full table grows, then the key goes in as into any other.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private ref Entry AddGrowing(in TKey key)
    {
        Grow();
        return ref FindOrAdd(in key, out _);
    }

    private void Grow()
    {
        Entry[] entries = Allocate<Entry>(_entries.Length * 2);
        _entries.AsSpan(0, _count).CopyTo(entries);
        _entries = entries;
        if (_hashes is not null)
        {
            int[] hashes = Allocate<int>(entries.Length);
            _hashes.AsSpan(0, _count).CopyTo(hashes);
            _hashes = hashes;
        }
        _slots = Allocate<int>(_slots.Length * 2);
        _shift--;
        for (int i = 0; i < _count; i++) _slots[EmptySlot(_hashes is null ? default(TKeyOps).Hash(in _entries[i].Key) : _hashes[i])] = i + 1;
    }

    private int EmptySlot(int hash)
    {
        int mask = _slots.Length - 1;
        int slot = Home(hash);
        while (_slots[slot] != 0) slot = (slot + 1) & mask;
        return slot;
    }

    // Tables are recycled from window to window and live as long as the query: on the pinned heap they are never copied
    // from generation to generation (a thousand windows a batch are tens of megabytes). Arrays holding references stay on
    // the ordinary heap.
    private static T[] Allocate<T>(int length) =>
        RuntimeHelpers.IsReferenceOrContainsReferences<T>() ? new T[length] : GC.AllocateArray<T>(length, pinned: true);

    // Fibonacci hashing spreads weak hash codes (small integers, multiples of a power of two) over the slots.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Home(int hash) => (int)(unchecked((uint)hash * 2654435769u) >> _shift);

    /// <summary>One key of the window: the key, the batch that last changed it and its accumulator.</summary>
    /// <remarks>In this order an int key and its stamp share eight bytes, so an entry with an eight-byte accumulator takes 16.</remarks>
    public struct Entry
    {
        /// <summary>The other key parts.</summary>
        public TKey Key;

        /// <summary>The batch stamp of the last change; entries stamped with the current batch go to state and, in Update mode, out.</summary>
        internal int Stamp;

        /// <summary>The accumulator of every row of the key in the window (or pane) so far.</summary>
        public TAcc Accumulator;
    }
}
