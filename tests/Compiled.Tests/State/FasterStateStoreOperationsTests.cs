using Compiled.State.Faster;
using Compiled.State;

namespace Compiled.Tests.State;

/// <summary>Random operations against a <see cref="Dictionary{TKey, TValue}"/>, through checkpoints and restarts.</summary>
public sealed class FasterStateStoreOperationsTests
{
    private const long Budget = 1 << 20;
    private const int Operations = 6_000;
    private const int OperationsPerBatch = 500;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Blittable_store_matches_a_dictionary(int seed) =>
        RunRandom(
            seed,
            (p, id) => p.GetStore<long, long>(id, null, null),
            random => random.Next(1_500),
            random => random.NextInt64());

    [Fact]
    public void Composite_blittable_key_matches_a_dictionary() =>
        RunRandom(
            3,
            (p, id) => p.GetStore<WindowKey, double>(id, null, null),
            random => new WindowKey(random.Next(40) * 60_000L, random.Next(30)),
            random => random.NextDouble());

    [Fact]
    public void String_keys_and_record_values_match_a_dictionary() =>
        RunRandom(
            4,
            (p, id) => p.GetStore<string, Totals>(id, null, new TotalsSerializer()),
            random => "key-" + random.Next(1_200) + new string('x', random.Next(3) * 7),
            random => new Totals("t" + random.Next(100), random.NextInt64(), random.Next()));

    [Fact]
    public void Unmanaged_key_with_string_value_matches_a_dictionary() =>
        RunRandom(
            5,
            (p, id) => p.GetStore<int, string>(id, null, null),
            random => random.Next(1_000),
            random => new string((char)('a' + random.Next(26)), random.Next(0, 40)));

    [Fact]
    public void Remove_reports_whether_the_key_existed_and_put_after_remove_counts_again()
    {
        using var dir = new TempDirectory();
        using var provider = new FasterStateStoreProvider(dir.Path, null, Budget, null);
        IBaseStore<long, long> store = provider.GetStore<long, long>("op", null, null);

        Assert.False(store.Remove(1));
        store.Put(1, 10);
        store.Put(1, 11);
        Assert.Equal(1, store.Count);
        provider.Checkpoint(0);
        Assert.True(store.Remove(1));
        Assert.False(store.Remove(1));
        Assert.False(store.TryGet(1, out _));
        Assert.Equal(0, store.Count);
        store.Put(1, 12);
        Assert.True(store.TryGet(1, out long value));
        Assert.Equal(12, value);
        Assert.Equal(1, store.Count);
    }

    [Fact]
    public void ForEach_visitor_may_remove_entries_while_iterating()
    {
        using var dir = new TempDirectory();
        using var provider = new FasterStateStoreProvider(dir.Path, null, Budget, null);
        IBaseStore<long, long> store = provider.GetStore<long, long>("op", null, null);
        for (long i = 0; i < 500; i++)
        {
            store.Put(i, i);
        }

        provider.Checkpoint(0);
        for (long i = 0; i < 500; i += 3)
        {
            store.Put(i, i + 1_000); // newer versions of a third of the keys
        }

        var evict = new EvictEvenVisitor(store);
        store.ForEach(ref evict);

        Assert.Equal(500, evict.Visited);
        Assert.Equal(250, store.Count);
        var expected = new Dictionary<long, long>();
        for (long i = 1; i < 500; i += 2)
        {
            expected[i] = i % 3 == 0 ? i + 1_000 : i;
        }

        StateAssert.Matches(expected, store);
    }

    private static void RunRandom<TKey, TValue>(
        int seed,
        Func<FasterStateStoreProvider, string, IBaseStore<TKey, TValue>> open,
        Func<Random, TKey> nextKey,
        Func<Random, TValue> nextValue)
        where TKey : notnull
    {
        using var dir = new TempDirectory();
        var random = new Random(seed);
        var reference = new Dictionary<TKey, TValue>();
        var provider = new FasterStateStoreProvider(dir.Path, null, Budget, null);
        try
        {
            IBaseStore<TKey, TValue> store = open(provider, "op");
            long batch = 0;
            for (int i = 1; i <= Operations; i++)
            {
                TKey key = nextKey(random);
                switch (random.Next(10))
                {
                    case < 5: // the engine's pattern: read, then write back
                        Assert.Equal(reference.TryGetValue(key, out TValue? expected), store.TryGet(key, out TValue? actual));
                        Assert.Equal(expected, actual);
                        TValue value = nextValue(random);
                        store.Put(key, value);
                        reference[key] = value;
                        break;
                    case < 7:
                        TValue blind = nextValue(random);
                        store.Put(key, blind);
                        reference[key] = blind;
                        break;
                    case < 9:
                        Assert.Equal(reference.Remove(key), store.Remove(key));
                        break;
                    default:
                        Assert.Equal(reference.TryGetValue(key, out TValue? seen), store.TryGet(key, out TValue? got));
                        Assert.Equal(seen, got);
                        break;
                }

                Assert.Equal(reference.Count, store.Count);
                if (i % OperationsPerBatch == 0)
                {
                    provider.Checkpoint(batch);
                    StateAssert.Matches(reference, store);
                    if (batch % 4 == 3)
                    {
                        // Restart from the version just written.
                        provider.Dispose();
                        provider = new FasterStateStoreProvider(dir.Path, batch, Budget, null);
                        store = open(provider, "op");
                        StateAssert.Matches(reference, store);
                    }

                    batch++;
                }
            }
        }
        finally
        {
            provider.Dispose();
        }
    }

    private struct EvictEvenVisitor(IBaseStore<long, long> store) : IStateVisitor<long, long>
    {
        public int Visited;

        public void Visit(in long key, in long value)
        {
            Visited++;
            Assert.Equal(key % 3 == 0 ? key + 1_000 : key, value);
            if (key % 2 == 0)
            {
                Assert.True(store.Remove(key));
            }
        }
    }
}
