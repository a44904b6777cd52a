using Compiled.State.Faster;
using Compiled.State;

namespace Compiled.Tests.State;

/// <summary>Runs alone: FASTER's epoch table is process-wide, so another test's store could hand its deferred epoch
/// actions to this thread and make its allocation count say nothing about the operations measured.</summary>
[CollectionDefinition(nameof(FasterStateStoreAllocationTests), DisableParallelization = true)]
[Collection(nameof(FasterStateStoreAllocationTests))]
public sealed class FasterStateStoreAllocationTests
{
    private const long Budget = 1 << 20;

    [Fact]
    public void Put_and_TryGet_of_in_memory_unmanaged_state_allocate_nothing()
    {
        using var dir = new TempDirectory();
        using var provider = new FasterStateStoreProvider(dir.Path, null, Budget, null);
        IBaseStore<long, long> store = provider.GetStore<long, long>("op", null, null);
        for (long i = 0; i < 1_000; i++)
        {
            store.Put(i, i);
            store.TryGet(i, out _);
        }

        // The least of three rounds: a store left by an earlier test (a background base still finishing) can hand its
        // deferred epoch actions to this thread in one round, while an allocation per operation shows in every round.
        long allocated = long.MaxValue;
        for (int round = 0; round < 3; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (long i = 0; i < 20_000; i++)
            {
                long key = i % 1_000;
                store.TryGet(key, out long value);
                store.Put(key, value + 1);
            }
            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        // 40 000 operations: one allocation per operation would be hundreds of kilobytes. A few hundred bytes may
        // come from FASTER's deferred epoch actions (page flush bookkeeping) that happen to run on this thread.
        Assert.True(allocated < 2_048, $"{allocated} bytes allocated by 40 000 in-memory operations");
        Assert.True(store.TryGet(7, out long seven));
        Assert.Equal(67, seven);
    }
}
