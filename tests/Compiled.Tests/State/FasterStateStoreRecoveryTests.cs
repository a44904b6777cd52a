using Compiled.State.Faster;
using Compiled.State;

namespace Compiled.Tests.State;

/// <summary>Versions: recovery to exactly what <c>Checkpoint(N)</c> wrote, older versions, purge.</summary>
public sealed class FasterStateStoreRecoveryTests
{
    private const long Budget = 1 << 20;

    [Fact]
    public void Recovery_restores_the_checkpointed_version_and_drops_uncommitted_writes()
    {
        using var dir = new TempDirectory();
        var atOne = new Dictionary<string, Totals>();
        using (var provider = new FasterStateStoreProvider(dir.Path, null, Budget, null))
        {
            IBaseStore<string, Totals> store = provider.GetStore<string, Totals>("agg", null, new TotalsSerializer());
            for (int i = 0; i < 300; i++)
            {
                store.Put("k" + i, new Totals("a", i, 1));
            }

            provider.Checkpoint(0);
            for (int i = 0; i < 300; i += 2)
            {
                store.Put("k" + i, new Totals("b", i * 2, 2));
            }

            store.Remove("k1");
            provider.Checkpoint(1);
            for (int i = 0; i < 300; i++)
            {
                atOne["k" + i] = i % 2 == 0 ? new Totals("b", i * 2, 2) : new Totals("a", i, 1);
            }

            atOne.Remove("k1");

            // Batch 2 crashes before its checkpoint: none of this may survive.
            for (int i = 0; i < 300; i++)
            {
                store.Put("k" + i, new Totals("crashed", -1, -1));
            }

            store.Put("new", new Totals("crashed", -1, -1));
            store.Remove("k5");
        }

        using (var provider = new FasterStateStoreProvider(dir.Path, 1, Budget, null))
        {
            IBaseStore<string, Totals> store = provider.GetStore<string, Totals>("agg", null, new TotalsSerializer());
            StateAssert.Matches(atOne, store);
            Assert.False(store.TryGet("new", out _));
        }
    }

    [Fact]
    public void Recovery_to_an_older_retained_version_then_rewriting_the_later_batches()
    {
        using var dir = new TempDirectory();
        var versions = new List<Dictionary<long, long>>();
        using (var provider = new FasterStateStoreProvider(dir.Path, null, Budget, null))
        {
            IBaseStore<long, long> store = provider.GetStore<long, long>("agg", null, null);
            var reference = new Dictionary<long, long>();
            for (long batch = 0; batch < 5; batch++)
            {
                for (long key = batch * 10; key < batch * 10 + 100; key++)
                {
                    store.Put(key, key * 100 + batch);
                    reference[key] = key * 100 + batch;
                }

                store.Remove(batch * 7);
                reference.Remove(batch * 7);
                provider.Checkpoint(batch);
                versions.Add(new Dictionary<long, long>(reference));
            }
        }

        // Back to batch 2; batches 3 and 4 are re-run with different data.
        var rerun = new Dictionary<long, long>(versions[2]);
        using (var provider = new FasterStateStoreProvider(dir.Path, 2, Budget, null))
        {
            IBaseStore<long, long> store = provider.GetStore<long, long>("agg", null, null);
            StateAssert.Matches(versions[2], store);
            store.Put(-1, -1);
            rerun[-1] = -1;
            provider.Checkpoint(3);
        }

        using (var provider = new FasterStateStoreProvider(dir.Path, 3, Budget, null))
        {
            StateAssert.Matches(rerun, provider.GetStore<long, long>("agg", null, null));
        }

        // Version 4 described the abandoned future and is gone.
        var missing = Assert.Throws<InvalidDataException>(() =>
        {
            using var provider = new FasterStateStoreProvider(dir.Path, 4, Budget, null);
            provider.GetStore<long, long>("agg", null, null);
        });
        Assert.Contains("State version 4 is missing", missing.Message);
    }

    [Fact]
    public void Purge_deletes_older_versions_and_their_checkpoints_but_keeps_the_retained_ones()
    {
        using var dir = new TempDirectory();
        var versions = new List<Dictionary<long, long>>();
        using (var provider = new FasterStateStoreProvider(dir.Path, null, Budget, null))
        {
            IBaseStore<long, long> store = provider.GetStore<long, long>("agg", null, null);
            var reference = new Dictionary<long, long>();
            for (long batch = 0; batch < 6; batch++)
            {
                for (long key = 0; key < 50; key++)
                {
                    store.Put(key + batch, batch);
                    reference[key + batch] = batch;
                }

                provider.Checkpoint(batch);
                versions.Add(new Dictionary<long, long>(reference));
            }

            int before = CheckpointTokenCount(dir.Path);
            provider.Purge(4);
            Assert.True(CheckpointTokenCount(dir.Path) < before);
            Assert.Equal(["4.json", "5.json"], Directory.GetFiles(Path.Combine(dir.Path, "_versions")).Select(Path.GetFileName).Order());
        }

        // Newest first: recovering to a version discards the versions after it.
        foreach (long batch in new long[] { 5, 4 })
        {
            using var provider = new FasterStateStoreProvider(dir.Path, batch, Budget, null);
            StateAssert.Matches(versions[(int)batch], provider.GetStore<long, long>("agg", null, null));
        }

        var purged = Assert.Throws<InvalidDataException>(() =>
        {
            using var provider = new FasterStateStoreProvider(dir.Path, 3, Budget, null);
            provider.GetStore<long, long>("agg", null, null);
        });
        Assert.Contains("State version 3 is missing", purged.Message);
    }

    [Fact]
    public void A_run_without_a_committed_batch_starts_empty_and_discards_leftovers()
    {
        using var dir = new TempDirectory();
        using (var provider = new FasterStateStoreProvider(dir.Path, null, Budget, null))
        {
            IBaseStore<long, long> store = provider.GetStore<long, long>("agg", null, null);
            store.Put(1, 1);
            provider.Checkpoint(0);
        }

        using (var provider = new FasterStateStoreProvider(dir.Path, null, Budget, null))
        {
            IBaseStore<long, long> store = provider.GetStore<long, long>("agg", null, null);
            Assert.Equal(0, store.Count);
            Assert.False(store.TryGet(1, out _));
            Assert.Empty(Directory.GetFiles(Path.Combine(dir.Path, "_versions")));
        }
    }

    [Fact]
    public void Several_operators_are_checkpointed_and_recovered_together()
    {
        using var dir = new TempDirectory();
        using (var provider = new FasterStateStoreProvider(dir.Path, null, Budget, null))
        {
            provider.GetStore<long, long>("count", null, null).Put(1, 2);
            provider.GetStore<string, long>("dedup", null, null).Put("a", 3);
            provider.Checkpoint(0);
            Assert.Equal(["count", "dedup"], provider.CollectMetrics().Select(m => m.OperatorId));
        }

        using (var provider = new FasterStateStoreProvider(dir.Path, 0, Budget, null))
        {
            StateAssert.Matches(new Dictionary<string, long> { ["a"] = 3 }, provider.GetStore<string, long>("dedup", null, null));
            StateAssert.Matches(new Dictionary<long, long> { [1] = 2 }, provider.GetStore<long, long>("count", null, null));
        }
    }

    private static int CheckpointTokenCount(string stateDirectory) =>
        Directory.GetDirectories(stateDirectory, "*-checkpoints", SearchOption.AllDirectories)
            .Sum(folder => Directory.GetDirectories(folder).Length);
}
