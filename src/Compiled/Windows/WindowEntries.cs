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
    private int _shift;
    private int _count;

    /// <summary>An empty table sized for <paramref name="expectedKeys"/> keys without growing.</summary>
    public WindowEntries(int expectedKeys)
    {
        int entries = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(expectedKeys, InitialEntries, 1 << 29));
        _entries = Allocate<Entry>(entries);
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
    public ref WindowCell<TAcc> FindOrAdd(in TKey key, out bool added)
    {
        int hash = default(TKeyOps).Hash(in key);
        int[] slots = _slots;
        Entry[] entries = _entries;
        int mask = slots.Length - 1;
        int slot = Home(hash);
        for (int used; (used = slots[slot]) != 0; slot = (slot + 1) & mask)
        {
            ref Entry entry = ref entries[used - 1];
            if ((!default(TKeyOps).StoresHash || entry.Hash == hash) && default(TKeyOps).Equal(in entry.Key, in key))
            {
                added = false;
                return ref entry.Value;
            }
        }
        added = true;
        // Inline: in sparse windows (about one row per key, as in W2) nearly every row adds a key; only growing is out of line.
        int count = _count;
        if (count == entries.Length) return ref AddGrowing(in key);
        slots[slot] = count + 1;
        _count = count + 1;
        ref Entry created = ref entries[count];
        created.Hash = hash;
        created.Key = key;
        created.Value = default;
        return ref created.Value;
    }

    /// <summary>The cell of <paramref name="key"/>, or a null reference (<see cref="Unsafe.IsNullRef{T}(ref readonly T)"/>) when the table lacks it.</summary>
    public ref WindowCell<TAcc> Find(in TKey key)
    {
        int hash = default(TKeyOps).Hash(in key);
        int[] slots = _slots;
        Entry[] entries = _entries;
        int mask = slots.Length - 1;
        for (int slot = Home(hash), used; (used = slots[slot]) != 0; slot = (slot + 1) & mask)
        {
            ref Entry entry = ref entries[used - 1];
            if ((!default(TKeyOps).StoresHash || entry.Hash == hash) && default(TKeyOps).Equal(in entry.Key, in key)) return ref entry.Value;
        }
        return ref Unsafe.NullRef<WindowCell<TAcc>>();
    }

    // Out of line, so the probe loop keeps its registers: a full table grows, then the key goes in as into any other.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private ref WindowCell<TAcc> AddGrowing(in TKey key)
    {
        Grow();
        return ref FindOrAdd(in key, out _);
    }

    private void Grow()
    {
        Entry[] entries = Allocate<Entry>(_entries.Length * 2);
        _entries.AsSpan(0, _count).CopyTo(entries);
        _entries = entries;
        _slots = Allocate<int>(_slots.Length * 2);
        _shift--;
        for (int i = 0; i < _count; i++) _slots[EmptySlot(_entries[i].Hash)] = i + 1;
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

    /// <summary>One key of the window: its hash, the key and its cell.</summary>
    public struct Entry
    {
        internal int Hash;

        /// <summary>The other key parts.</summary>
        public TKey Key;

        /// <summary>The key's accumulator and the stamp of the batch that last changed it.</summary>
        public WindowCell<TAcc> Value;
    }
}
