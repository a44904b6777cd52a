using Compiled.State;

namespace Compiled.Tests.State;

/// <summary>
/// Seeded batches of state operations (read-modify-write through GetOrAdd, blind Put, Remove and TryRemove) applied to a store and to
/// a plain Dictionary, the reference the store must match after every batch and every recovery.
/// </summary>
internal sealed class ChangelogWorkload(int keySpace, int opsPerBatch, int seed)
{
    private readonly Random _random = new(seed);

    /// <summary>The reference state after the batches run so far.</summary>
    public Dictionary<long, long> Expected { get; } = new();

    /// <summary>Runs one batch of operations against <paramref name="store"/> and the reference.</summary>
    public void RunBatch(IStateStore<long, long> store)
    {
        for (int i = 0; i < opsPerBatch; i++)
        {
            long key = _random.Next(keySpace);
            int op = _random.Next(10);
            if (op < 6)
            {
                ref long value = ref store.GetOrAdd(key, out bool exists);
                Assert.Equal(Expected.ContainsKey(key), exists);
                value = (exists ? value : 0) + key + 1;
                Expected[key] = value;
            }
            else if (op < 8)
            {
                store.Put(key, -key);
                Expected[key] = -key;
            }
            else if (op == 8)
            {
                Assert.Equal(Expected.Remove(key), store.Remove(key));
            }
            else
            {
                bool had = Expected.Remove(key, out long want);
                Assert.Equal(had, store.TryRemove(key, out long removed));
                Assert.Equal(had ? want : 0, removed);
            }
        }
    }

    /// <summary>A copy of the reference now.</summary>
    public Dictionary<long, long> Snapshot() => new(Expected);
}
