using Compiled.State;
using Compiled.State.Changelog;

namespace Compiled.Tests.State;

/// <summary>
/// The durable store (in-memory table, changelog, FASTER base) against a Dictionary reference: exact after every
/// batch, after a restart, at every retained batch id, and with state ten times its memory budget.
/// </summary>
public sealed class ChangelogStateStoreRecoveryTests
{
    private const long Budget = 1 << 20;

    [Fact]
    public void Recovery_to_each_retained_batch_id_matches_the_reference_at_that_batch()
    {
        using var dir = new TempDirectory();
        const int Batches = 30;
        const int Retain = 12;
        var workload = new ChangelogWorkload(keySpace: 3_000, opsPerBatch: 1_500, seed: 7);
        var versions = new Dictionary<long, Dictionary<long, long>>();
        using (var provider = new ChangelogStateStoreProvider(dir.Path, null, Budget, snapshotInterval: 4, null))
        {
            IStateStore<long, long> store = provider.GetStore<long, long>("agg", null, null);
            for (long batch = 0; batch < Batches; batch++)
            {
                workload.RunBatch(store);
                provider.Checkpoint(batch);
                versions[batch] = workload.Snapshot();
                if (batch + 1 - Retain > 0)
                {
                    provider.Purge(batch + 1 - Retain);
                }
            }
        }

        for (long batch = Batches - Retain; batch < Batches; batch++)
        {
            // Each recovery cuts off the frames after its batch, so each works on its own copy of the state.
            using var copy = new TempDirectory();
            CopyDirectory(dir.Path, copy.Path);
            using var provider = new ChangelogStateStoreProvider(copy.Path, batch, Budget, snapshotInterval: 4, null);
            StateAssert.Matches(versions[batch], provider.GetStore<long, long>("agg", null, null));
        }

        Assert.Throws<InvalidDataException>(() =>
        {
            using var provider = new ChangelogStateStoreProvider(dir.Path, 0, Budget, snapshotInterval: 4, null);
            provider.GetStore<long, long>("agg", null, null);
        });
    }

    [Fact]
    public void A_batch_that_changes_most_keys_is_recovered_exactly_with_keys_dropped_and_added_again()
    {
        // Most keys change in each batch, so the frame section is written in one pass over the table; the keys removed
        // were never in a base, so they leave the table and only the changelog records their removal (the pass must
        // still find them), and some come back in the same batch.
        using var dir = new TempDirectory();
        var expected = new Dictionary<long, long>();
        using (var provider = new ChangelogStateStoreProvider(dir.Path, null, Budget, snapshotInterval: 100, null))
        {
            IStateStore<long, long> store = provider.GetStore<long, long>("agg", null, null);
            for (long batch = 0; batch < 4; batch++)
            {
                for (long key = 0; key < 100; key++)
                {
                    store.GetOrAdd(key, out _) += key + batch;
                    expected[key] = expected.GetValueOrDefault(key) + key + batch;
                }
                for (long key = batch * 10; key < batch * 10 + 5; key++)
                {
                    Assert.True(store.Remove(key));
                    expected.Remove(key);
                }
                for (long key = batch * 10; key < batch * 10 + 2; key++)
                {
                    store.Put(key, -key);
                    expected[key] = -key;
                }
                provider.Checkpoint(batch);
            }
        }

        using var recovered = new ChangelogStateStoreProvider(dir.Path, 3, Budget, snapshotInterval: 100, null);
        StateAssert.Matches(expected, recovered.GetStore<long, long>("agg", null, null));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void State_ten_times_the_memory_budget_stays_exact_across_restarts(bool prefetch)
    {
        // With prefetch, each batch hands the store its keys first (duplicates included, as an operator may pass one per
        // row): the spilled ones are read together, and the batch's own calls then read nothing from FASTER one at a time.
        using var dir = new TempDirectory();
        // 1 MiB budget: half for the table, about 1,900 entries of long -> 240-byte payload; some 19,000 live keys are ten times it.
        const int KeySpace = 30_000;
        var random = new Random(11);
        var expected = new Dictionary<long, long>(); // key -> payload seed
        long batch = 0, prefetched = 0;
        for (int run = 0; run < 3; run++)
        {
            using var provider = new ChangelogStateStoreProvider(dir.Path, batch == 0 ? null : batch - 1, Budget, snapshotInterval: 3, null);
            IStateStore<long, Payload> store = provider.GetStore<long, Payload>("big", null, null);
            for (int i = 0; i < 3; i++, batch++)
            {
                long[] keys = new long[4_000];
                for (int op = 0; op < keys.Length; op++)
                {
                    keys[op] = random.Next(KeySpace);
                }

                if (prefetch)
                {
                    store.Prefetch(keys);
                }

                foreach (long key in keys)
                {
                    if (random.Next(8) == 0)
                    {
                        Assert.Equal(expected.Remove(key), store.Remove(key));
                        continue;
                    }

                    ref Payload value = ref store.GetOrAdd(key, out bool exists);
                    Assert.True(expected.TryGetValue(key, out long seed) == exists, $"Key {key}: exists should be {!exists}.");
                    Assert.True(!exists || Payload.Same(Payload.For(seed), value), $"Key {key} holds a wrong value.");
                    value = Payload.For(seed + 1);
                    expected[key] = seed + 1;
                }

                provider.Checkpoint(batch);
                StateStoreMetrics metrics = provider.CollectMetrics()[0];
                Assert.Equal(expected.Count, metrics.NumRowsTotal);
                Assert.True(metrics.MemoryUsedBytes <= Budget / 2,
                    $"Batch {batch}: the table takes {metrics.MemoryUsedBytes} bytes ({metrics.CustomMetrics["keysInMemory"]} of {expected.Count} keys), over its half of the budget.");
                if (prefetch)
                {
                    Assert.Equal(0, metrics.CustomMetrics["baseReads"]);
                }

                prefetched += metrics.CustomMetrics["prefetchReads"];
            }

            StateAssert.MatchesPayloads(expected, store);
        }

        Assert.True(expected.Count > 17_000, $"Only {expected.Count} keys: not ten times the budget.");
        Assert.True(prefetch ? prefetched > 10_000 : prefetched == 0, $"{prefetched} keys were prefetched.");
    }

    [Fact]
    public void Blind_writes_and_removals_of_spilled_keys_read_nothing_and_recover_exactly()
    {
        // A join's pattern with state ten times the budget: new keys written as absent, old keys replaced as live and
        // removed as live (the oldest first, as a watermark evicts them). None of it may read FASTER, and every restart
        // and every batch's count must match the reference.
        using var dir = new TempDirectory();
        var random = new Random(5);
        var expected = new Dictionary<long, long>();
        long nextKey = 0, oldest = 0, batch = 0, spilledBatches = 0;
        for (int run = 0; run < 3; run++)
        {
            using var provider = new ChangelogStateStoreProvider(dir.Path, batch == 0 ? null : batch - 1, Budget, snapshotInterval: 3, null);
            IStateStore<long, Payload> store = provider.GetStore<long, Payload>("join", null, null);
            Assert.Equal(expected.Count, store.Count);
            for (int i = 0; i < 4; i++, batch++)
            {
                for (int op = 0; op < 3_000; op++)
                {
                    store.Put(nextKey, Payload.For(nextKey), exists: false);
                    expected[nextKey] = nextKey;
                    nextKey++;
                }

                for (int op = 0; op < 500; op++)
                {
                    long key = oldest + random.Next((int)(nextKey - oldest));
                    if (!expected.ContainsKey(key)) continue;
                    store.Put(key, Payload.For(key + 1), exists: true);
                    expected[key] = key + 1;
                }

                // The watermark removes the oldest keys once the state is well past the budget.
                for (; nextKey - oldest > 20_000; oldest++)
                {
                    if (expected.Remove(oldest)) store.RemoveLive(oldest);
                }

                provider.Checkpoint(batch);
                StateStoreMetrics metrics = provider.CollectMetrics()[0];
                Assert.Equal(expected.Count, metrics.NumRowsTotal);
                Assert.Equal(0, metrics.CustomMetrics["baseReads"]);
                if (metrics.CustomMetrics["keysInMemory"] < expected.Count) spilledBatches++;
            }
        }

        Assert.True(spilledBatches >= 6, $"The state spilled in only {spilledBatches} of {batch} batches.");
        using var recovered = new ChangelogStateStoreProvider(dir.Path, batch - 1, Budget, snapshotInterval: 3, null);
        StateAssert.MatchesPayloads(expected, recovered.GetStore<long, Payload>("join", null, null));
    }

    [Fact]
    public void A_torn_frame_of_an_uncommitted_batch_is_cut_off_and_the_batch_runs_again()
    {
        using var dir = new TempDirectory();
        var workload = new ChangelogWorkload(keySpace: 500, opsPerBatch: 300, seed: 3);
        Dictionary<long, long> atTwo;
        using (var provider = new ChangelogStateStoreProvider(dir.Path, null, Budget, snapshotInterval: 10, null))
        {
            IStateStore<long, long> store = provider.GetStore<long, long>("agg", null, null);
            for (long batch = 0; batch < 3; batch++)
            {
                workload.RunBatch(store);
                provider.Checkpoint(batch);
            }

            atTwo = workload.Snapshot();
        }

        // Half a frame of batch 3, as a crash in the middle of its write leaves it.
        string segment = Directory.EnumerateFiles(Path.Combine(dir.Path, ChangelogFiles.DirectoryName)).Single();
        byte[] whole = File.ReadAllBytes(segment);
        File.AppendAllBytes(segment, whole.AsSpan(0, whole.Length / 3).ToArray());

        using (var provider = new ChangelogStateStoreProvider(dir.Path, 2, Budget, snapshotInterval: 10, null))
        {
            IStateStore<long, long> store = provider.GetStore<long, long>("agg", null, null);
            StateAssert.Matches(atTwo, store);
            Assert.Equal(whole.Length, new FileInfo(segment).Length);
            workload.RunBatch(store);
            provider.Checkpoint(3);
        }

        using (var provider = new ChangelogStateStoreProvider(dir.Path, 3, Budget, snapshotInterval: 10, null))
        {
            StateAssert.Matches(workload.Expected, provider.GetStore<long, long>("agg", null, null));
        }
    }

    [Fact]
    public void A_damaged_frame_of_a_committed_batch_is_refused_naming_the_segment_and_the_batch()
    {
        using var dir = new TempDirectory();
        var workload = new ChangelogWorkload(keySpace: 500, opsPerBatch: 300, seed: 5);
        long[] frameEnds = new long[3];
        string segment;
        using (var provider = new ChangelogStateStoreProvider(dir.Path, null, Budget, snapshotInterval: 10, null))
        {
            IStateStore<long, long> store = provider.GetStore<long, long>("agg", null, null);
            for (long batch = 0; batch < 3; batch++)
            {
                workload.RunBatch(store);
                provider.Checkpoint(batch);
                segment = Directory.EnumerateFiles(Path.Combine(dir.Path, ChangelogFiles.DirectoryName)).Single();
                frameEnds[batch] = new FileInfo(segment).Length;
            }
        }

        segment = Directory.EnumerateFiles(Path.Combine(dir.Path, ChangelogFiles.DirectoryName)).Single();
        byte[] bytes = File.ReadAllBytes(segment);
        bytes[(frameEnds[0] + frameEnds[1]) / 2] ^= 0x21; // inside batch 1's frame
        File.WriteAllBytes(segment, bytes);

        var error = Assert.Throws<InvalidDataException>(() => new ChangelogStateStoreProvider(dir.Path, 2, Budget, snapshotInterval: 10, null));
        Assert.Contains($"Changelog segment '{segment}' is damaged at batch 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Damaged_base_files_are_refused_naming_the_file()
    {
        using var dir = new TempDirectory();
        var workload = new ChangelogWorkload(keySpace: 2_000, opsPerBatch: 1_000, seed: 9);
        using (var provider = new ChangelogStateStoreProvider(dir.Path, null, Budget, snapshotInterval: 2, null))
        {
            IStateStore<long, long> store = provider.GetStore<long, long>("agg", null, null);
            for (long batch = 0; batch < 6; batch++)
            {
                workload.RunBatch(store);
                provider.Checkpoint(batch);
            }
        }

        string index = Directory.EnumerateFiles(Path.Combine(dir.Path, "agg"), "ht.dat*", SearchOption.AllDirectories).First();
        File.WriteAllBytes(index, new byte[new FileInfo(index).Length]);
        var error = Assert.ThrowsAny<InvalidDataException>(() =>
        {
            using var provider = new ChangelogStateStoreProvider(dir.Path, 5, Budget, snapshotInterval: 2, null);
            provider.GetStore<long, long>("agg", null, null);
        });
        Assert.Contains($"State file '{index}' of operator 'agg'", error.Message, StringComparison.Ordinal);

        string manifest = Directory.EnumerateFiles(Path.Combine(dir.Path, "_versions")).Max(StringComparer.Ordinal)!;
        File.AppendAllText(manifest, " ");
        error = Assert.ThrowsAny<InvalidDataException>(() => new ChangelogStateStoreProvider(dir.Path, 5, Budget, snapshotInterval: 2, null));
        Assert.Contains($"State base manifest '{manifest}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Disk_use_stays_proportional_to_a_small_state()
    {
        using var dir = new TempDirectory();
        var workload = new ChangelogWorkload(keySpace: 2_500, opsPerBatch: 2_500, seed: 1);
        for (int run = 0; run < 3; run++)
        {
            using var provider = new ChangelogStateStoreProvider(dir.Path, run == 0 ? null : run * 10 - 1, 64L << 20, snapshotInterval: 10, null);
            IStateStore<long, long> store = provider.GetStore<long, long>("words", null, null);
            for (long batch = run * 10; batch < run * 10 + 10; batch++)
            {
                workload.RunBatch(store);
                provider.Checkpoint(batch);
            }
        }

        long bytes = Directory.EnumerateFiles(dir.Path, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        Assert.True(bytes < 16L << 20, $"2,500 keys take {bytes} bytes of checkpoint.");
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
