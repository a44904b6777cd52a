using Compiled.Plans;
using Compiled.State;
using Compiled.State.Changelog;
using Compiled.Tests.Aggregation;
using Compiled.Tests.TestSupport;
using Compiled.Windows;
using Microsoft.Extensions.Logging.Abstractions;
using static Compiled.Tests.EventTime.KeyedWindowPlan;

namespace Compiled.Tests.EventTime;

/// <summary>
/// Recycling of window chunk buffers: a removed chunk's buffer is reused only once the store has let go of it (after any
/// base that captured it) and the frame that may hold it was written (a batch after its removal), and windows that
/// close every batch, with a base written in the background after every batch, recover exactly across restarts.
/// </summary>
public sealed class ChunkPoolTests
{
    private static readonly WindowKey<long> s_key = new(0, 60_000, 1);

    [Fact]
    public void A_removed_chunk_no_base_captured_is_reused_at_the_end_of_the_batch_after()
    {
        using var dir = new TempDirectory();
        using var provider = new ChangelogStateStoreProvider(dir.Path, null, 64L << 20, snapshotInterval: 1000, null);
        var store = OpenStore(provider);
        var pool = new ChunkPool();
        WindowChunk chunk = PutAndCheckpoint(store, provider, pool, batch: 0);

        Assert.True(store.TryRemove(s_key, out _));
        pool.Removed(chunk);
        Assert.NotSame(chunk.Bytes, pool.Rent(100)); // not free before the batch ends
        pool.EndBatch(store);
        // The frame of the batch before may still be copying a chunk this batch removed: free one batch later.
        Assert.NotSame(chunk.Bytes, pool.Rent(100));
        pool.EndBatch(store);

        Assert.Same(chunk.Bytes, pool.Rent(100));
    }

    [Fact]
    public void A_chunk_a_base_captured_is_reused_once_that_base_completed()
    {
        using var dir = new TempDirectory();
        // A base after every batch: the chunk written in batch 0 is handed to the base thread with batch 0's base.
        using var provider = new ChangelogStateStoreProvider(dir.Path, null, 64L << 20, snapshotInterval: 1, null);
        var store = OpenStore(provider);
        var pool = new ChunkPool();
        WindowChunk chunk = PutAndCheckpoint(store, provider, pool, batch: 0);
        Assert.True(store.TryRemove(s_key, out _));
        pool.Removed(chunk);
        pool.EndBatch(store);
        provider.Checkpoint(1);
        Assert.True(store.ValueTicket > 0, "bases captured values before the buffer was held");
        pool.EndBatch(store);

        // The next base hand-off waits for the bases in flight; the chunk is then released.
        provider.Checkpoint(2);
        pool.EndBatch(store);
        Assert.Same(chunk.Bytes, pool.Rent(100));
    }

    [Fact]
    public void A_chunk_is_not_reused_while_a_base_that_captured_it_is_still_being_written()
    {
        using var dir = new TempDirectory();
        using var provider = new ChangelogStateStoreProvider(dir.Path, null, 64L << 20, snapshotInterval: 1000, null);
        var store = OpenStore(provider);
        var pool = new ChunkPool();
        WindowChunk chunk = PutAndCheckpoint(store, provider, pool, batch: 0);
        // The base thread's view, taken by hand so the test decides when that base completes.
        IBaseChanges capturing = ((IChangelogStore)store).TakeBaseChanges();
        Assert.True(store.TryRemove(s_key, out _));
        pool.Removed(chunk);
        pool.EndBatch(store);
        long ticket = store.ValueTicket;
        pool.EndBatch(store);

        Assert.False(store.ValuesReleased(ticket));
        Assert.NotSame(chunk.Bytes, pool.Rent(100));

        capturing.Completed();
        Assert.True(store.ValuesReleased(ticket));
        pool.EndBatch(store);
        Assert.Same(chunk.Bytes, pool.Rent(100));
    }

    [Fact]
    public void A_store_that_cannot_tell_when_it_lets_go_gets_no_chunk_reused()
    {
        using var provider = new InMemoryStateStoreProvider(null, 64L << 20, null);
        var store = OpenStore(provider);
        var pool = new ChunkPool();
        WindowChunk chunk = PutAndCheckpoint(store, provider, pool, batch: 0);
        Assert.True(store.TryRemove(s_key, out _));
        pool.Removed(chunk);
        pool.EndBatch(store);
        pool.EndBatch(store);

        Assert.Equal(-1, store.ValueTicket);
        Assert.NotSame(chunk.Bytes, pool.Rent(100));
    }

    [Fact]
    public void Windows_closing_every_batch_with_a_base_after_every_batch_recover_exactly()
    {
        // Append windows of one minute, the watermark a minute behind: every batch closes the windows of the batch before,
        // whose chunk buffers are recycled while bases holding them may still be written in the background.
        using var dir = new TempDirectory();
        var random = new Random(37);
        var expected = new Dictionary<(long Start, int Key), long>();
        var emitted = new Dictionary<(long Start, int Key), long>();
        long batch = 0;
        for (int run = 0; run < 5; run++)
        {
            using var provider = new ChangelogStateStoreProvider(dir.Path, run == 0 ? null : batch - 1, 64L << 20, snapshotInterval: 1, null);
            var windows = new TumblingWindowAggregation<int, TotalState, BatchTableTests.IntOps>(
                new PlanContext(provider, NullLogger.Instance), "aggregate0", OutputMode.Append, TimeSpan.FromMinutes(1));
            for (int i = 0; i < 6; i++, batch++)
            {
                for (int row = 0; row < 400; row++)
                {
                    // Rows of this batch's minute and the next one's.
                    long time = batch * 60_000 + random.Next(120_000);
                    int key = random.Next(300);
                    long start = windows.StartOf(time);
                    windows.Accumulate(start, key, out _).Count++;
                    expected[(start, key)] = expected.GetValueOrDefault((start, key)) + 1;
                }
                var emitter = new CountEmitter(emitted);
                windows.Apply(batch * 60_000 + 60_000, ref emitter);
                provider.Checkpoint(batch);
            }
        }

        // Every window ending at or before the last watermark was emitted once, with its exact count.
        long lastWatermark = batch * 60_000;
        Assert.Equal(expected.Where(p => p.Key.Start + 60_000 <= lastWatermark).OrderBy(p => p.Key), emitted.OrderBy(p => p.Key));
    }

    private static IStateStore<WindowKey<long>, WindowChunk> OpenStore(IStateStoreProvider provider) =>
        new PlanContext(provider, NullLogger.Instance).GetStateStore<WindowKey<long>, WindowChunk>("aggregate0", null, WindowChunk.Serializer.Instance);

    private static WindowChunk PutAndCheckpoint(IStateStore<WindowKey<long>, WindowChunk> store, IStateStoreProvider provider, ChunkPool pool, long batch)
    {
        byte[] buffer = pool.Rent(100);
        buffer.AsSpan().Fill(7);
        var chunk = new WindowChunk(buffer, 100);
        store.Put(s_key, chunk);
        provider.Checkpoint(batch);
        return chunk;
    }

    private readonly struct CountEmitter(Dictionary<(long Start, int Key), long> rows) : IWindowEmitter<int, TotalState>
    {
        public void Emit(in WindowKey<int> window, in TotalState accumulator) => rows.Add((window.StartMs, window.Key), accumulator.Count);
    }
}
