using Compiled.State;
using Compiled.State.Faster;

namespace Compiled.Tests.State;

/// <summary>State ten times larger than the memory budget spills to the log device and survives a restart.</summary>
public sealed class FasterStateStoreSpillTests
{
    private const long Budget = FasterStoreLayout.MinimumBudgetBytes;
    private const int SpillFactor = 10;

    [Fact]
    public void Unmanaged_state_ten_times_the_budget_is_read_back_after_a_restart()
    {
        using var dir = new TempDirectory();
        const int RecordBytes = 8 + 8 + 240; // header, key, payload
        int keys = (int)(SpillFactor * Budget / RecordBytes) + 1;
        using (var provider = new FasterStateStoreProvider(dir.Path, null, Budget, null))
        {
            IBaseStore<long, Payload> store = provider.GetStore<long, Payload>("big", null, null);
            for (long key = 0; key < keys; key++)
            {
                store.Put(key, Payload.For(key));
            }

            // A cold key written long ago is read from disk before the checkpoint too.
            Assert.True(store.TryGet(0, out Payload first));
            Assert.True(Payload.Same(Payload.For(0), first));
            provider.Checkpoint(0);

            StateStoreMetrics metrics = provider.CollectMetrics()[0];
            Assert.Equal(keys, metrics.NumRowsTotal);
            Assert.True(metrics.CustomMetrics["logBytes"] >= SpillFactor * Budget);
            Assert.True(metrics.CustomMetrics["logBytesInMemory"] <= Budget);
            Assert.True(metrics.CustomMetrics["diskReads"] >= 1);
        }

        // A process restart: nothing survives but the files.
        using (var provider = new FasterStateStoreProvider(dir.Path, 0, Budget, null))
        {
            IBaseStore<long, Payload> store = provider.GetStore<long, Payload>("big", null, null);
            Assert.Equal(keys, store.Count);
            for (long key = 0; key < keys; key++)
            {
                Assert.True(store.TryGet(key, out Payload payload), $"key {key} lost");
                Assert.True(Payload.Same(Payload.For(key), payload), $"key {key} has a wrong value");
            }

            var counter = new PayloadChecker();
            store.ForEach(ref counter);
            Assert.Equal(keys, counter.Visited);
            Assert.Equal(0, counter.Wrong);
        }
    }

    [Fact]
    public void Writes_and_removals_of_known_keys_read_nothing_from_disk_and_keep_the_count_exact()
    {
        using var dir = new TempDirectory();
        const int RecordBytes = 8 + 8 + 240;
        int keys = (int)(SpillFactor * Budget / RecordBytes) + 1;
        using (var provider = new FasterStateStoreProvider(dir.Path, null, Budget, null))
        {
            IBaseStore<long, Payload> store = provider.GetStore<long, Payload>("big", null, null);
            for (long key = 0; key < keys; key++)
            {
                store.Put(key, Payload.For(key), exists: false);
            }

            provider.Checkpoint(0);
            Assert.Equal(0, provider.CollectMetrics()[0].CustomMetrics["diskReads"]);

            // The oldest keys are on disk now: replacing and removing them must not read them first.
            for (long key = 0; key < keys / 2; key++)
            {
                if (key % 4 == 0) store.RemoveLive(key);
                else store.Put(key, Payload.For(key + 1), exists: true);
            }

            provider.Checkpoint(1);
            StateStoreMetrics metrics = provider.CollectMetrics()[0];
            Assert.Equal(0, metrics.CustomMetrics["diskReads"]);
            Assert.Equal(keys - (keys / 2 + 3) / 4, metrics.NumRowsTotal);
        }

        using (var provider = new FasterStateStoreProvider(dir.Path, 1, Budget, null))
        {
            IBaseStore<long, Payload> store = provider.GetStore<long, Payload>("big", null, null);
            Assert.Equal(keys - (keys / 2 + 3) / 4, store.Count);
            for (long key = 0; key < keys; key++)
            {
                bool removed = key < keys / 2 && key % 4 == 0;
                Assert.Equal(!removed, store.TryGet(key, out Payload payload));
                Assert.True(removed || Payload.Same(Payload.For(key < keys / 2 ? key + 1 : key), payload), $"key {key} has a wrong value");
            }
        }
    }

    [Fact]
    public void Serialized_state_ten_times_the_budget_is_read_back_after_a_restart()
    {
        using var dir = new TempDirectory();
        const int ValueChars = 2_000;
        int keys = (int)(SpillFactor * Budget / ValueChars) + 1;
        var expected = new Dictionary<string, string>();
        using (var provider = new FasterStateStoreProvider(dir.Path, null, Budget, null))
        {
            IBaseStore<string, string> store = provider.GetStore<string, string>("big", null, null);
            for (int i = 0; i < keys; i++)
            {
                string value = new((char)('a' + i % 26), ValueChars - i % 100);
                store.Put("user-" + i, value);
                expected["user-" + i] = value;
            }

            provider.Checkpoint(0);
            Assert.True(provider.CollectMetrics()[0].CustomMetrics["logBytes"] >= SpillFactor * Budget);

            // Uncommitted changes after the checkpoint must not survive.
            store.Remove("user-0");
            store.Put("user-1", "changed");
        }

        using (var provider = new FasterStateStoreProvider(dir.Path, 0, Budget, null))
        {
            StateAssert.Matches(expected, provider.GetStore<string, string>("big", null, null));
        }
    }

    private struct PayloadChecker : IStateVisitor<long, Payload>
    {
        public int Visited;
        public int Wrong;

        public void Visit(in long key, in Payload value)
        {
            Visited++;
            if (!Payload.Same(Payload.For(key), value))
            {
                Wrong++;
            }
        }
    }
}
