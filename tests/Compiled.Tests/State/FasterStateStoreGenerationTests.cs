using Compiled.State.Faster;
using Compiled.State;

namespace Compiled.Tests.State;

/// <summary>A store whose log is mostly superseded records moves to a new generation; retained versions survive it.</summary>
public sealed class FasterStateStoreGenerationTests
{
    private const long Budget = 1 << 20;

    [Fact]
    public void A_store_mostly_made_of_superseded_records_moves_to_a_new_generation_and_old_versions_stay_recoverable()
    {
        using var dir = new TempDirectory();
        var versions = new List<Dictionary<long, long>>();
        int rotatedAt = -1;
        using (var provider = new FasterStateStoreProvider(dir.Path, null, Budget, null))
        {
            IBaseStore<long, long> store = provider.GetStore<long, long>("agg", null, null);
            var reference = new Dictionary<long, long>();
            for (int batch = 0; batch < 30 && (rotatedAt < 0 || batch < rotatedAt + 3); batch++)
            {
                // Every key rewritten every batch: each checkpoint leaves a full set of superseded records behind.
                for (long key = 0; key < 2_000; key++)
                {
                    store.TryGet(key, out long old);
                    store.Put(key, old + key);
                    reference[key] = old + key;
                }

                provider.Checkpoint(batch);
                versions.Add(new Dictionary<long, long>(reference));
                if (rotatedAt < 0 && provider.CollectMetrics()[0].CustomMetrics["generation"] > 0)
                {
                    rotatedAt = batch;
                }
            }

            Assert.True(rotatedAt > 0, "The store never moved to a new generation.");
            Assert.True(Directory.Exists(Path.Combine(dir.Path, "agg", "gen-0")));
            StateAssert.Matches(versions[^1], store);

            // Once no retained version needs generation 0, its files go.
            provider.Purge(rotatedAt);
            Assert.False(Directory.Exists(Path.Combine(dir.Path, "agg", "gen-0")));
        }

        using (var provider = new FasterStateStoreProvider(dir.Path, versions.Count - 1, Budget, null))
        {
            StateAssert.Matches(versions[^1], provider.GetStore<long, long>("agg", null, null));
        }

        using (var provider = new FasterStateStoreProvider(dir.Path, rotatedAt, Budget, null))
        {
            StateAssert.Matches(versions[rotatedAt], provider.GetStore<long, long>("agg", null, null));
        }
    }

    [Fact]
    public void Recovery_to_a_version_in_an_older_generation_before_purge()
    {
        using var dir = new TempDirectory();
        var versions = new List<Dictionary<long, long>>();
        using (var provider = new FasterStateStoreProvider(dir.Path, null, Budget, null))
        {
            IBaseStore<long, long> store = provider.GetStore<long, long>("agg", null, null);
            var reference = new Dictionary<long, long>();
            for (int batch = 0; batch < 30; batch++)
            {
                for (long key = 0; key < 2_000; key++)
                {
                    store.Put(key, batch * key);
                    reference[key] = batch * key;
                }

                provider.Checkpoint(batch);
                versions.Add(new Dictionary<long, long>(reference));
                if (provider.CollectMetrics()[0].CustomMetrics["generation"] > 0)
                {
                    break;
                }
            }
        }

        int beforeRotation = versions.Count - 2;
        using (var provider = new FasterStateStoreProvider(dir.Path, beforeRotation, Budget, null))
        {
            IBaseStore<long, long> store = provider.GetStore<long, long>("agg", null, null);
            StateAssert.Matches(versions[beforeRotation], store);

            // Continuing from the old generation works too.
            store.Put(-5, 5);
            provider.Checkpoint(beforeRotation + 1);
        }

        using (var provider = new FasterStateStoreProvider(dir.Path, beforeRotation + 1, Budget, null))
        {
            var expected = new Dictionary<long, long>(versions[beforeRotation]) { [-5] = 5 };
            StateAssert.Matches(expected, provider.GetStore<long, long>("agg", null, null));
        }
    }

    [Fact]
    public void Serialized_store_moves_to_a_new_generation_with_every_live_entry()
    {
        using var dir = new TempDirectory();
        var reference = new Dictionary<string, Totals>();
        using (var provider = new FasterStateStoreProvider(dir.Path, null, Budget, null))
        {
            IBaseStore<string, Totals> store = provider.GetStore<string, Totals>("agg", null, new TotalsSerializer());
            long generation = 0;
            for (int batch = 0; batch < 40 && generation == 0; batch++)
            {
                for (int key = 0; key < 1_000; key++)
                {
                    var value = new Totals("name-" + key, batch, key);
                    store.Put("key-" + key, value);
                    reference["key-" + key] = value;
                }

                store.Remove("key-" + batch);
                reference.Remove("key-" + batch);
                provider.Checkpoint(batch);
                generation = provider.CollectMetrics()[0].CustomMetrics["generation"];
            }

            Assert.Equal(1, generation);
            StateAssert.Matches(reference, store);
        }

        using (var provider = new FasterStateStoreProvider(dir.Path, LatestVersion(dir.Path), Budget, null))
        {
            StateAssert.Matches(reference, provider.GetStore<string, Totals>("agg", null, new TotalsSerializer()));
        }
    }

    [Fact]
    public void State_larger_than_memory_moves_to_a_new_generation()
    {
        using var dir = new TempDirectory();
        const int Keys = 4_500; // 256-byte records: over a megabyte, more than the log's share of the budget
        int rotatedAt = -1;
        using (var provider = new FasterStateStoreProvider(dir.Path, null, Budget, null))
        {
            IBaseStore<long, Payload> store = provider.GetStore<long, Payload>("big", null, null);
            for (int batch = 0; batch < 12 && rotatedAt < 0; batch++)
            {
                for (long key = 0; key < Keys; key++)
                {
                    store.Put(key, Payload.For(key + batch));
                }

                provider.Checkpoint(batch);
                StateStoreMetrics metrics = provider.CollectMetrics()[0];
                Assert.True(metrics.CustomMetrics["logBytesInMemory"] < metrics.CustomMetrics["logBytes"]);
                if (metrics.CustomMetrics["generation"] > 0)
                {
                    rotatedAt = batch;
                }
            }

            Assert.True(rotatedAt > 0, "The store never moved to a new generation.");
        }

        using (var provider = new FasterStateStoreProvider(dir.Path, rotatedAt, Budget, null))
        {
            IBaseStore<long, Payload> store = provider.GetStore<long, Payload>("big", null, null);
            Assert.Equal(Keys, store.Count);
            for (long key = 0; key < Keys; key++)
            {
                Assert.True(store.TryGet(key, out Payload payload));
                Assert.True(Payload.Same(Payload.For(key + rotatedAt), payload), $"key {key} has a wrong value");
            }
        }
    }

    private static long LatestVersion(string stateDirectory) =>
        Directory.GetFiles(Path.Combine(stateDirectory, "_versions"), "*.json")
            .Select(file => long.Parse(Path.GetFileNameWithoutExtension(file), System.Globalization.CultureInfo.InvariantCulture))
            .Max();
}
