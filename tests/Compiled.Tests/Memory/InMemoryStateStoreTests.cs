using Compiled.State;

namespace Compiled.Tests.Memory;

public sealed class InMemoryStateStoreTests
{
    private static InMemoryStateStoreProvider Provider() => new(null, 1 << 20, null);

    private struct SumVisitor : IStateVisitor<string, long>
    {
        public long Sum;
        public int Seen;

        public void Visit(in string key, in long value)
        {
            Sum += value;
            Seen++;
        }
    }

    [Fact]
    public void Behaves_as_a_dictionary_and_counts_updates_and_removals_per_checkpoint()
    {
        using var provider = Provider();
        var store = provider.GetStore<string, long>("agg", null, null);
        store.Put("a", 1);
        store.Put("b", 2);
        store.Put("a", 5);
        Assert.True(store.Remove("b"));
        Assert.False(store.Remove("zzz"));
        Assert.True(store.TryGet("a", out long a));
        Assert.Equal(5, a);
        Assert.False(store.TryGet("b", out _));
        Assert.Equal(1, store.Count);

        provider.Checkpoint(0);
        var m = Assert.Single(provider.CollectMetrics());
        Assert.Equal(("agg", 1L, 3L, 1L), (m.OperatorId, m.NumRowsTotal, m.NumRowsUpdated, m.NumRowsRemoved));
        Assert.True(m.MemoryUsedBytes > 0);

        store.Put("c", 7);
        provider.Checkpoint(1);
        var next = Assert.Single(provider.CollectMetrics());
        Assert.Equal((2L, 1L, 0L), (next.NumRowsTotal, next.NumRowsUpdated, next.NumRowsRemoved));

        var visitor = new SumVisitor();
        store.ForEach(ref visitor);
        Assert.Equal((12L, 2), (visitor.Sum, visitor.Seen));
    }

    [Fact]
    public void The_same_operator_id_gives_the_same_store_and_other_types_are_refused()
    {
        using var provider = Provider();
        var first = provider.GetStore<string, long>("agg", null, null);
        Assert.Same(first, provider.GetStore<string, long>("agg", null, null));
        var e = Assert.Throws<InvalidOperationException>(() => provider.GetStore<int, long>("agg", null, null));
        Assert.Contains("'agg'", e.Message);
    }

    [Fact]
    public void Metrics_follow_the_order_stores_were_opened()
    {
        using var provider = Provider();
        provider.GetStore<int, int>("second", null, null);
        provider.GetStore<int, int>("first", null, null);
        provider.Checkpoint(0);
        Assert.Equal(["second", "first"], provider.CollectMetrics().Select(m => m.OperatorId));
    }
}
