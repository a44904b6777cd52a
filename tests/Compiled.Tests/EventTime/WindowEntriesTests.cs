using System.Runtime.CompilerServices;
using Compiled.Tests.Aggregation;
using Compiled.Windows;
using static Compiled.Tests.EventTime.KeyedWindowPlan;

namespace Compiled.Tests.EventTime;

/// <summary>
/// A window's dense entry table against a Dictionary and a first-seen list: lookups, growth from the smallest size,
/// clearing for reuse, and iteration in first-seen order, for keys hashed as themselves and for stored string hashes.
/// </summary>
public sealed class WindowEntriesTests
{
    [Theory]
    [InlineData(0, 7)]
    [InlineData(1000, 8)]
    public void Int_keys_match_a_dictionary_across_growth_and_reuse(int expectedKeys, int seed)
    {
        var table = new WindowEntries<int, TotalState, BatchTableTests.IntOps>(expectedKeys);
        var random = new Random(seed);
        for (int round = 0; round < 3; round++)
        {
            var reference = new Dictionary<int, long>();
            var order = new List<int>();
            // Multiples of 1024 collide on weak hashes; the Fibonacci spread must still find each key.
            int keys = 1 + random.Next(3000);
            for (int i = 0; i < 20_000; i++)
            {
                int key = random.Next(keys) * 1024;
                ref var cell = ref table.FindOrAdd(key, out bool added);
                Assert.Equal(!reference.ContainsKey(key), added);
                if (added) order.Add(key);
                cell.Accumulator.Sum++;
                reference[key] = reference.GetValueOrDefault(key) + 1;
            }
            Assert.Equal(order.Count, table.Count);
            for (int i = 0; i < table.Count; i++)
            {
                ref var entry = ref table.EntryAt(i);
                Assert.Equal(order[i], entry.Key);
                Assert.Equal(reference[entry.Key], entry.Accumulator.Sum);
            }
            Assert.True(Unsafe.IsNullRef(ref table.Find(-1)));
            Assert.Equal(reference[order[^1]], table.Find(order[^1]).Accumulator.Sum);
            table.Clear();
            Assert.Equal(0, table.Count);
            Assert.True(Unsafe.IsNullRef(ref table.Find(order[0])));
        }
    }

    [Fact]
    public void String_keys_start_empty_after_reuse_and_keep_first_seen_order()
    {
        var table = new WindowEntries<string, TotalState, StringKeyOps>(0);
        string[] keys = [.. Enumerable.Range(0, 100).Select(i => "k" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        foreach (string key in keys) table.FindOrAdd(key, out _).Accumulator.Count += 5;
        table.Clear();
        foreach (string key in Enumerable.Reverse(keys))
        {
            ref var cell = ref table.FindOrAdd(key, out bool added);
            Assert.True(added);
            Assert.Equal(0, cell.Accumulator.Count);
            cell.Accumulator.Count++;
        }
        Assert.Equal(Enumerable.Reverse(keys), Enumerable.Range(0, table.Count).Select(i => table.EntryAt(i).Key));
        Assert.Equal(1, table.Find(new string("k42".ToCharArray())).Accumulator.Count);
    }
}
