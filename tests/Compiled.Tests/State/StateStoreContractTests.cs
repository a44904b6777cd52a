using Compiled.State;
using Compiled.State.Changelog;

namespace Compiled.Tests.State;

/// <summary>The <see cref="IStateStore{TKey, TValue}"/> contract, checked the same way on every store.</summary>
public sealed class StateStoreContractTests
{
    public static TheoryData<string> Stores => new() { "InMemory", "Changelog", "ChangelogSpilled" };

    [Theory]
    [MemberData(nameof(Stores))]
    public void GetOrAdd_adds_a_missing_key_once_and_updates_in_place(string kind)
    {
        using var dir = new TempDirectory();
        using IStateStoreProvider provider = Create(kind, dir.Path);
        IStateStore<long, long> store = provider.GetStore<long, long>("op", null, null);

        ref long added = ref store.GetOrAdd(5, out bool existed);
        Assert.False(existed);
        Assert.Equal(0, added);
        added = 41;
        store.GetOrAdd(5, out existed)++;
        Assert.True(existed);
        Assert.True(store.TryGet(5, out long value));
        Assert.Equal(42, value);
        Assert.Equal(1, store.Count);
        Assert.True(store.Remove(5));
        Assert.False(store.Remove(5));
        store.GetOrAdd(5, out existed);
        Assert.False(existed);
        provider.Checkpoint(0);
        Assert.Equal(1, provider.CollectMetrics()[0].NumRowsTotal);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public void A_visitor_may_replace_and_remove_keys_but_not_add_one(string kind)
    {
        using var dir = new TempDirectory();
        using IStateStoreProvider provider = Create(kind, dir.Path);
        IStateStore<long, long> store = provider.GetStore<long, long>("op", null, null);
        const int Keys = 20_000;
        for (long key = 0; key < Keys; key++)
        {
            store.Put(key, key);
        }

        provider.Checkpoint(0);
        provider.Checkpoint(1); // the spilled variant evicts here

        // Each visit doubles its key's value and removes its partner key (key ^ 1), which must then not be visited.
        var visitor = new RemovingVisitor { Store = store, Visited = new Dictionary<long, long>() };
        store.ForEach(ref visitor);
        Assert.Equal(Keys / 2, visitor.Visited.Count);
        foreach ((long key, long seen) in visitor.Visited)
        {
            Assert.Equal(key, seen);
            Assert.False(visitor.Visited.ContainsKey(key ^ 1));
            Assert.True(store.TryGet(key, out long now));
            Assert.Equal(2 * key, now);
        }

        Assert.Equal(Keys / 2, store.Count);
        var adder = new AddingVisitor { Store = store };
        var error = Assert.Throws<InvalidOperationException>(() => store.ForEach(ref adder));
        Assert.Contains("'op'", error.Message, StringComparison.Ordinal);
        Assert.False(store.TryGet(-1, out _));
        Assert.Equal(Keys / 2, store.Count);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public void TryRemove_returns_the_value_of_a_resident_or_spilled_key_once(string kind)
    {
        using var dir = new TempDirectory();
        using IStateStoreProvider provider = Create(kind, dir.Path);
        IStateStore<long, long> store = provider.GetStore<long, long>("op", null, null);
        const int Keys = 20_000;
        for (long key = 0; key < Keys; key++)
        {
            store.Put(key, key * 3);
        }

        provider.Checkpoint(0);
        provider.Checkpoint(1); // the spilled variant evicts here: most keys are then in FASTER only
        store.Put(Keys, 7); // added after the last base, removed before the next

        for (long key = 0; key <= Keys; key += 2)
        {
            Assert.True(store.TryRemove(key, out long value));
            Assert.Equal(key == Keys ? 7 : key * 3, value);
            Assert.False(store.TryRemove(key, out value));
            Assert.Equal(0, value);
            Assert.False(store.TryGet(key, out _));
        }

        Assert.False(store.TryRemove(-1, out _));
        Assert.Equal(Keys / 2, store.Count);
        provider.Checkpoint(2);
        provider.Checkpoint(3);
        for (long key = 0; key < Keys; key++)
        {
            Assert.Equal(key % 2 == 1, store.TryGet(key, out long value));
            Assert.Equal(key % 2 == 1 ? key * 3 : 0, value);
        }

        Assert.False(store.TryGet(Keys, out _));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public void Writes_with_known_presence_keep_the_count_and_refuse_a_wrong_claim_they_can_see(string kind)
    {
        using var dir = new TempDirectory();
        using IStateStoreProvider provider = Create(kind, dir.Path);
        IStateStore<long, long> store = provider.GetStore<long, long>("op", null, null);

        store.Put(1, 10, exists: false);
        store.Put(2, 20, exists: false);
        store.Put(1, 11, exists: true);
        store.RemoveLive(2);
        store.Put(2, 22, exists: false); // back after its removal
        Assert.Equal(2, store.Count);
        Assert.True(store.TryGet(1, out long one));
        Assert.Equal(11, one);
        Assert.True(store.TryGet(2, out long two));
        Assert.Equal(22, two);

        var absent = Assert.Throws<InvalidOperationException>(() => store.RemoveLive(3));
        Assert.Contains("'op'", absent.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => store.Put(1, 12, exists: false));
        provider.Checkpoint(0);
        Assert.Equal(2, provider.CollectMetrics()[0].NumRowsTotal);
    }

    private static IStateStoreProvider Create(string kind, string directory) => kind switch
    {
        "InMemory" => new InMemoryStateStoreProvider(null, 64L << 20, null),
        "Changelog" => new ChangelogStateStoreProvider(directory, null, 64L << 20, snapshotInterval: 1, null),
        // 1 MiB: the table holds about 12,000 entries; the base every batch lets the rest be evicted to FASTER.
        _ => new ChangelogStateStoreProvider(directory, null, 1 << 20, snapshotInterval: 1, null),
    };

    private struct RemovingVisitor : IStateVisitor<long, long>
    {
        public IStateStore<long, long> Store;
        public Dictionary<long, long> Visited;

        public void Visit(in long key, in long value)
        {
            Visited.Add(key, value);
            Store.Put(key, 2 * value);
            Store.Remove(key ^ 1);
        }
    }

    private struct AddingVisitor : IStateVisitor<long, long>
    {
        public IStateStore<long, long> Store;

        public void Visit(in long key, in long value) => Store.Put(-1, 1);
    }
}
