using Compiled.Aggregation;

namespace Compiled.Tests.Aggregation;

public sealed class BatchTableTests
{
    /// <summary>Integer keys hashed as themselves; shared with the aggregate table's tests.</summary>
    internal readonly struct IntOps : IBatchKeyOps<int>
    {
        public bool StoresHash => false;

        public int Hash(in int key) => key;

        public bool Equal(in int a, in int b) => a == b;
    }

    /// <summary>String keys with a stored hash and a span form; shared with the aggregate table's tests.</summary>
    internal readonly struct StringOps : IBatchKeyOps<string>, IBatchAlternateKeyOps<ReadOnlySpan<char>, string>
    {
        public bool StoresHash => true;

        public int Hash(in string key) => key.GetHashCode();

        public bool Equal(in string a, in string b) => string.Equals(a, b);

        public int Hash(ReadOnlySpan<char> key) => string.GetHashCode(key);

        public bool Equal(ReadOnlySpan<char> key, in string stored) => key.SequenceEqual(stored);

        public string Create(ReadOnlySpan<char> key)
        {
            Created++;
            return key.ToString();
        }

        [ThreadStatic] public static int Created;
    }

    // Every key hashes alike: the table must still tell them apart by probing.
    private readonly struct CollidingOps : IBatchKeyOps<string>
    {
        public bool StoresHash => true;

        public int Hash(in string key) => 7;

        public bool Equal(in string a, in string b) => string.Equals(a, b);
    }

    [Fact]
    public void Integer_keys_count_like_a_dictionary_and_iterate_in_first_seen_order_across_growth()
    {
        var table = new BatchTable<int, long, IntOps>();
        var reference = new Dictionary<int, long>();
        var order = new List<int>();
        var random = new Random(3);
        for (int i = 0; i < 5_000; i++)
        {
            // Multiples of 1024 are weak hashes; Fibonacci hashing must still spread them.
            int key = random.Next(700) * 1024;
            table.FindOrAdd(key, out bool added)++;
            Assert.Equal(!reference.ContainsKey(key), added);
            if (added) order.Add(key);
            reference[key] = reference.GetValueOrDefault(key) + 1;
        }

        Assert.Equal(order.Count, table.Count);
        for (int i = 0; i < table.Count; i++)
        {
            ref var entry = ref table.EntryAt(i);
            Assert.Equal(order[i], entry.Key);
            Assert.Equal(reference[entry.Key], entry.Value);
        }
    }

    [Fact]
    public void Span_lookups_find_string_keys_and_create_a_string_only_for_a_key_new_to_the_batch()
    {
        var table = new BatchTable<string, int, StringOps>();
        StringOps.Created = 0;
        string text = "b a b c a b " + string.Join(" ", Enumerable.Range(0, 200).Select(i => "w" + i));
        foreach (var range in text.AsSpan().Split(' '))
        {
            table.FindOrAdd<ReadOnlySpan<char>, StringOps>(text.AsSpan(range), out _)++;
        }
        table.FindOrAdd("a", out bool addedByString)++;

        Assert.False(addedByString);
        Assert.Equal(203, StringOps.Created);
        Assert.Equal(203, table.Count);
        Assert.Equal(("b", 3), (table.EntryAt(0).Key, table.EntryAt(0).Value));
        Assert.Equal(("a", 3), (table.EntryAt(1).Key, table.EntryAt(1).Value));
        Assert.Equal(("c", 1), (table.EntryAt(2).Key, table.EntryAt(2).Value));
        Assert.Equal(("w199", 1), (table.EntryAt(202).Key, table.EntryAt(202).Value));
    }

    [Fact]
    public void Clear_empties_the_table_and_new_keys_start_from_default()
    {
        var table = new BatchTable<int, long, IntOps>();
        for (int i = 0; i < 100; i++) table.FindOrAdd(i, out _) += 5;
        table.Clear();

        Assert.Equal(0, table.Count);
        table.FindOrAdd(42, out bool added)++;
        Assert.True(added);
        Assert.Equal(1, table.Count);
        Assert.Equal((42, 1L), (table.EntryAt(0).Key, table.EntryAt(0).Value));
    }

    [Fact]
    public void Keys_with_equal_hashes_stay_distinct()
    {
        var table = new BatchTable<string, int, CollidingOps>();
        for (int round = 0; round < 3; round++)
        {
            for (int i = 0; i < 40; i++) table.FindOrAdd("k" + i, out _) += i;
        }

        Assert.Equal(40, table.Count);
        for (int i = 0; i < 40; i++) Assert.Equal(("k" + i, 3 * i), (table.EntryAt(i).Key, table.EntryAt(i).Value));
    }

    [Fact]
    public void Growth_keeps_every_entry_findable_and_in_first_seen_order_with_stored_hashes_and_after_a_clear()
    {
        // Growth moves entries in slot order; the first-seen order must survive it, for keys whose hash the slot stores
        // (strings) as for those it recomputes, and for a table cleared and grown again.
        var table = new BatchTable<string, long, StringOps>();
        var random = new Random(17);
        for (int round = 0; round < 2; round++)
        {
            table.Clear();
            var order = new List<string>();
            var reference = new Dictionary<string, long>();
            for (int i = 0; i < 60_000; i++)
            {
                string key = "k" + random.Next(round == 0 ? 30_000 : 45_000);
                table.FindOrAdd(key, out bool added) += i;
                if (added) order.Add(key);
                reference[key] = reference.GetValueOrDefault(key) + i;
            }

            Assert.Equal(order, Enumerable.Range(0, table.Count).Select(i => table.EntryAt(i).Key));
            Assert.Equal(reference, Enumerable.Range(0, table.Count).ToDictionary(i => table.EntryAt(i).Key, i => table.EntryAt(i).Value));
        }
    }
}
