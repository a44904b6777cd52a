using Compiled.State.Faster;
using Compiled.State;

namespace Compiled.Tests.State;

/// <summary>Per-batch counters reported in progress.</summary>
public sealed class FasterStateStoreMetricsTests
{
    [Fact]
    public void Metrics_count_the_batch_that_the_last_checkpoint_closed()
    {
        using var dir = new TempDirectory();
        using var provider = new FasterStateStoreProvider(dir.Path, null, 1 << 20, null);
        IBaseStore<string, long> store = provider.GetStore<string, long>("agg", null, null);
        store.Put("a", 1);
        store.Put("b", 1);
        store.Put("c", 1);
        store.Put("a", 2);
        Assert.True(store.Remove("b"));
        Assert.False(store.Remove("zzz"));
        provider.Checkpoint(0);

        StateStoreMetrics metrics = Assert.Single(provider.CollectMetrics());
        Assert.Equal("agg", metrics.OperatorId);
        Assert.Equal(2, metrics.NumRowsTotal);
        Assert.Equal(4, metrics.NumRowsUpdated);
        Assert.Equal(1, metrics.NumRowsRemoved);
        Assert.True(metrics.MemoryUsedBytes > 0);
        Assert.True(metrics.CommitTimeMs >= 0);
        Assert.True(metrics.CustomMetrics["logBytes"] > 0);
        Assert.True(metrics.CustomMetrics["generationBytesOnDisk"] > 0);
        Assert.Equal(1, metrics.CustomMetrics["indexCheckpoint"]);

        // Reading is not updating; the next checkpoint reports a quiet batch.
        store.TryGet("a", out _);
        provider.Checkpoint(1);
        metrics = Assert.Single(provider.CollectMetrics());
        Assert.Equal(2, metrics.NumRowsTotal);
        Assert.Equal(0, metrics.NumRowsUpdated);
        Assert.Equal(0, metrics.NumRowsRemoved);
        Assert.Equal(0, metrics.CustomMetrics["indexCheckpoint"]);
    }

    [Fact]
    public void Metrics_follow_operator_order_and_exist_before_any_checkpoint()
    {
        using var dir = new TempDirectory();
        using var provider = new FasterStateStoreProvider(dir.Path, null, 1 << 20, null);
        provider.GetStore<long, long>("b", null, null);
        provider.GetStore<long, long>("a", null, null);
        Assert.Equal(["b", "a"], provider.CollectMetrics().Select(m => m.OperatorId));
        Assert.All(provider.CollectMetrics(), m => Assert.Equal(0, m.NumRowsTotal));
    }
}
