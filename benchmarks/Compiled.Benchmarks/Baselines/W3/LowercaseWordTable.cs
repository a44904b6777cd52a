using Compiled.Benchmarks.Workloads;

namespace Compiled.Benchmarks.Baselines.W3;

/// <summary>
/// A word -> count table keyed by character spans and compared case-insensitively: a word is lower-cased
/// into a stack buffer, hashed and compared there, and copied into one shared character arena only when it
/// is new, so counting a known word allocates nothing and materialises no string.
/// </summary>
/// <remarks>Open addressing with linear probing over a power-of-two slot array, kept at most half full.</remarks>
internal sealed class LowercaseWordTable
{
    private const int InitialSlots = 1024;
    private const int InitialChars = 8192;
    private const int MaxStackWord = 128;
    private const uint FnvOffset = 2166136261;
    private const uint FnvPrime = 16777619;
    private const int HashFold = 15;

    private int[] _slots = new int[InitialSlots];   // entry index + 1; 0 marks an empty slot
    private Entry[] _entries = new Entry[InitialSlots / 2];
    private char[] _chars = new char[InitialChars];
    private int _count;
    private int _charsUsed;

    private struct Entry
    {
        public int Start;
        public int Length;
        public uint Hash;
        public long Count;
    }

    /// <summary>Distinct words.</summary>
    public int Count => _count;

    /// <summary>Adds every word of <paramref name="line"/> (split on W3's separators) that has a letter or digit.</summary>
    public void AddWords(ReadOnlySpan<char> line)
    {
        ReadOnlySpan<char> rest = line;
        while (true)
        {
            int end = rest.IndexOfAny(WordText.SeparatorValues);
            var word = end < 0 ? rest : rest[..end];
            if (WordText.HasLetterOrDigit(word)) Increment(word);
            if (end < 0) break;
            rest = rest[(end + 1)..];
        }
    }

    /// <summary>Adds one occurrence of <paramref name="word"/>, in any case.</summary>
    public void Increment(ReadOnlySpan<char> word)
    {
        // Lower-casing a whole span is vectorised for ASCII; hashing and comparing the copy beats per-character folding.
        Span<char> lowered = word.Length <= MaxStackWord ? stackalloc char[word.Length] : new char[word.Length];
        word.ToLowerInvariant(lowered);
        uint hash = Hash(lowered);
        int mask = _slots.Length - 1;
        for (int slot = (int)hash & mask; ; slot = (slot + 1) & mask)
        {
            int index = _slots[slot] - 1;
            if (index < 0)
            {
                Insert(lowered, hash, slot);
                return;
            }
            ref Entry entry = ref _entries[index];
            if (entry.Hash == hash && lowered.SequenceEqual(_chars.AsSpan(entry.Start, entry.Length)))
            {
                entry.Count++;
                return;
            }
        }
    }

    /// <summary>The digest of the table's (word, count) rows.</summary>
    public Checksum Checksum()
    {
        long total = 0, digest = 0;
        for (int i = 0; i < _count; i++)
        {
            ref Entry entry = ref _entries[i];
            total += entry.Count;
            digest += Workloads.Checksum.WordTerm(_chars.AsSpan(entry.Start, entry.Length), entry.Count);
        }
        return new Checksum(_count, total, digest);
    }

    private void Insert(ReadOnlySpan<char> lowered, uint hash, int slot)
    {
        if (_charsUsed + lowered.Length > _chars.Length) Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _charsUsed + lowered.Length));
        lowered.CopyTo(_chars.AsSpan(_charsUsed));
        if (_count == _entries.Length) Array.Resize(ref _entries, _entries.Length * 2);
        _entries[_count] = new Entry { Start = _charsUsed, Length = lowered.Length, Hash = hash, Count = 1 };
        _charsUsed += lowered.Length;
        _slots[slot] = ++_count;
        if (_count * 2 > _slots.Length) GrowSlots();
    }

    private void GrowSlots()
    {
        var slots = new int[_slots.Length * 2];
        int mask = slots.Length - 1;
        for (int i = 0; i < _count; i++)
        {
            int slot = (int)_entries[i].Hash & mask;
            while (slots[slot] != 0) slot = (slot + 1) & mask;
            slots[slot] = i + 1;
        }
        _slots = slots;
    }

    /// <summary>FNV-1a over the characters, with the high bits folded down because slots use the low ones.</summary>
    private static uint Hash(ReadOnlySpan<char> lowered)
    {
        uint hash = FnvOffset;
        foreach (char c in lowered) hash = (hash ^ c) * FnvPrime;
        return hash ^ (hash >> HashFold);
    }
}
