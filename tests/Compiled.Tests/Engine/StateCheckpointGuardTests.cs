using Compiled.Aggregation;
using Compiled.Checkpointing;
using Compiled.Engine;
using Compiled.State;
using Compiled.State.Changelog;
using Compiled.Tests.TestSupport;

namespace Compiled.Tests.Engine;

public sealed class StateCheckpointGuardTests
{
    [Fact]
    public void A_capture_that_only_copies_memory_runs_on_the_batch_thread_and_the_durable_part_on_the_worker()
    {
        using var dir = new TempDirectory();
        var provider = new RecordingProvider(mayWait: false);
        using var guard = new StateCheckpointGuard(provider, dir.Path, TimeSpan.FromMinutes(1), "guard");
        for (long batch = 0; batch < 3; batch++)
        {
            guard.Begin(batch);
            guard.Complete();
            Assert.Equal(Environment.CurrentManagedThreadId, provider.CaptureThread);
            Assert.NotEqual(Environment.CurrentManagedThreadId, provider.DurableThread);
            Assert.Equal(batch, provider.DurableBatch);
        }
    }

    [Fact]
    public void A_capture_that_may_wait_runs_on_the_worker()
    {
        using var dir = new TempDirectory();
        var provider = new RecordingProvider(mayWait: true);
        using var guard = new StateCheckpointGuard(provider, dir.Path, TimeSpan.FromMinutes(1), "guard");
        guard.Begin(0);
        guard.Complete();
        Assert.NotEqual(Environment.CurrentManagedThreadId, provider.CaptureThread);
        Assert.Equal(provider.CaptureThread, provider.DurableThread);
    }

    [Fact]
    public void A_capture_that_may_wait_and_never_ends_fails_the_batch_after_the_timeout()
    {
        using var dir = new TempDirectory();
        using var never = new ManualResetEventSlim();
        var provider = new RecordingProvider(mayWait: true, capture: () => never.Wait());
        var guard = new StateCheckpointGuard(provider, dir.Path, TimeSpan.FromMilliseconds(300), "guard");
        var failure = Assert.Throws<CheckpointException>(() => guard.Begin(4));
        Assert.Contains("batch 4", failure.Message);
        Assert.True(guard.Abandoned);
        never.Set();
    }

    [Fact]
    public void A_failed_capture_on_the_batch_thread_fails_begin_and_leaves_nothing_in_flight()
    {
        using var dir = new TempDirectory();
        var provider = new RecordingProvider(mayWait: false, capture: () => throw new IOException("capture failed"));
        using var guard = new StateCheckpointGuard(provider, dir.Path, TimeSpan.FromMinutes(1), "guard");
        Assert.Equal("capture failed", Assert.Throws<IOException>(() => guard.Begin(0)).Message);
        guard.Complete();
        Assert.Null(provider.DurableThread);
    }

    [Fact]
    public void The_durable_provider_s_capture_may_wait_only_in_a_batch_that_hands_a_base_off()
    {
        using var dir = new TempDirectory();
        using var provider = new ChangelogStateStoreProvider(dir.Path, null, 64L << 20, snapshotInterval: 3, null);
        Assert.Equal([false, false, true, false, false, true], Enumerable.Range(0, 6).Select(batch => provider.CaptureMayWait(batch)));
    }

    /// <summary>Records the threads a checkpoint's two parts ran on.</summary>
    private sealed class RecordingProvider(bool mayWait, Action? capture = null) : IStateStoreProvider
    {
        public int? CaptureThread { get; private set; }

        public int? DurableThread { get; private set; }

        public long DurableBatch { get; private set; } = -1;

        public bool CaptureMayWait(long batchId) => mayWait;

        public Action? BeginCheckpoint(long batchId)
        {
            CaptureThread = Environment.CurrentManagedThreadId;
            capture?.Invoke();
            return () =>
            {
                DurableThread = Environment.CurrentManagedThreadId;
                DurableBatch = batchId;
            };
        }

        public IStateStore<TKey, TValue> GetStore<TKey, TValue>(string operatorId, IStateSerializer<TKey>? keySerializer, IStateSerializer<TValue>? valueSerializer)
            where TKey : notnull => throw new NotSupportedException();

        public bool TryKeep<TKey, TStoreKey, TValue, TKeyOps>(
            AggregateTable<TKey, TValue, TKeyOps> table, IStateSerializer<TStoreKey>? keySerializer, IStateSerializer<TValue>? valueSerializer)
            where TStoreKey : notnull
            where TKeyOps : struct, IBatchKeyOps<TKey> => false;

        public void Checkpoint(long batchId) => throw new NotSupportedException();

        public IReadOnlyList<StateStoreMetrics> CollectMetrics() => [];

        public void Purge(long oldestBatchToKeep)
        {
        }

        public void Dispose()
        {
        }
    }
}
