using Compiled.State;
using Compiled.State.Changelog;
using Compiled.State.Serializers;

namespace Compiled.Tests.State;

/// <summary>
/// Batch prefetch on the durable store when one batch's keys exceed the memory budget (the ten-times-the-budget workload
/// with and without prefetch is in <see cref="ChangelogStateStoreRecoveryTests"/>). The results match a Dictionary
/// reference after every batch and every restart.
/// </summary>
public sealed class ChangelogStorePrefetchTests
{
    private const long Budget = 1 << 20;

    [Fact]
    public void A_prefetch_larger_than_the_budget_keeps_every_changed_key_and_evicts_back_under_it()
    {
        // Serialized keys (strings: the byte-record FASTER store). One batch touches more distinct spilled keys than the
        // whole table may hold: every one is loaded, changed and must survive the eviction that follows, and a restart.
        using var dir = new TempDirectory();
        var expected = new Dictionary<string, long>(StringComparer.Ordinal);
        long batch = 0;
        for (int run = 0; run < 2; run++)
        {
            using var provider = new ChangelogStateStoreProvider(dir.Path, batch == 0 ? null : batch - 1, Budget, snapshotInterval: 2, null);
            IStateStore<string, long> store = provider.GetStore<string, long>("words", StringStateSerializer.Instance, null);
            for (int i = 0; i < 4; i++, batch++)
            {
                // Batches 0 and 1 add 40,000 keys; later batches change every third of them, and add a few new ones.
                var keys = new List<string>();
                for (int k = 0; k < 40_000; k++)
                {
                    if (batch < 2 ? k % 2 == batch : k % 3 == batch % 3)
                    {
                        keys.Add("word" + k);
                    }
                }

                for (int k = 0; k < 100; k++)
                {
                    keys.Add("new" + batch + "-" + k);
                }

                store.Prefetch(keys.ToArray());
                foreach (string key in keys)
                {
                    store.GetOrAdd(key, out bool exists) += batch + 1;
                    Assert.Equal(expected.ContainsKey(key), exists);
                    expected[key] = expected.GetValueOrDefault(key) + batch + 1;
                }

                provider.Checkpoint(batch);
                StateStoreMetrics metrics = provider.CollectMetrics()[0];
                Assert.Equal(expected.Count, metrics.NumRowsTotal);
                Assert.Equal(0, metrics.CustomMetrics["baseReads"]);
                Assert.True(metrics.MemoryUsedBytes <= Budget / 2, $"Batch {batch}: the table takes {metrics.MemoryUsedBytes} bytes after the checkpoint.");
                if (batch >= 2)
                {
                    Assert.True(metrics.CustomMetrics["prefetchReads"] > Budget / 2 / 64,
                        $"Batch {batch}: only {metrics.CustomMetrics["prefetchReads"]} keys prefetched.");
                }
            }

            StateAssert.Matches(expected, store);
        }
    }
}
