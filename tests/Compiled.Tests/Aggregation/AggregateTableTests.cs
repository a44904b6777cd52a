using Compiled.Aggregation;
using Compiled.Plans;
using Compiled.State;
using Compiled.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using IntOps = Compiled.Tests.Aggregation.BatchTableTests.IntOps;
using StringOps = Compiled.Tests.Aggregation.BatchTableTests.StringOps;

namespace Compiled.Tests.Aggregation;

public sealed class AggregateTableTests
{
    private static (AggregateTable<int, long, IntOps> Table, InMemoryStateStoreProvider Provider) Kept()
    {
        var provider = new InMemoryStateStoreProvider(null, 1L << 30, null);
        return (Kept<int, IntOps>(provider), provider);
    }

    // A table the in-memory provider keeps as the operator's state.
    private static AggregateTable<TKey, long, TOps> Kept<TKey, TOps>(InMemoryStateStoreProvider provider)
        where TKey : notnull
        where TOps : struct, IBatchKeyOps<TKey>
    {
        var table = new AggregateTable<TKey, long, TOps>("aggregate0");
        Assert.Null(new PlanContext(provider, NullLogger.Instance).GetStateStore<TKey, TKey, long, TOps>(table));
        Assert.True(table.KeepsState);
        return table;
    }

    private static void Fold(AggregateTable<int, long, IntOps> table, params int[] keys)
    {
        table.BeginBatch();
        foreach (int key in keys) table.FindOrAdd(key, out _)++;
    }

    private static List<(int, long)> Changed(AggregateTable<int, long, IntOps> table) =>
        Enumerable.Range(0, table.ChangedCount).Select(i => (table.ChangedAt(i).Key, table.ChangedAt(i).Value)).ToList();

    [Fact]
    public void Kept_state_accumulates_across_batches_and_lists_each_batch_s_changed_groups_once_in_first_touched_order()
    {
        var (table, _) = Kept();
        Fold(table, 5, 1, 5, 9);
        Assert.Equal([(5, 2L), (1, 1L), (9, 1L)], Changed(table));

        // Enough keys to grow the table: changed entries must still point at the right groups afterwards.
        var keys = new[] { 9 }.Concat(Enumerable.Range(100, 200)).Concat([1, 9]).ToArray();
        Fold(table, keys);
        var changed = Changed(table);
        Assert.Equal(202, changed.Count);
        Assert.Equal((9, 3L), changed[0]);
        Assert.Equal((100, 1L), changed[1]);
        Assert.Equal((1, 2L), changed[^1]);
        Assert.Equal(203, table.Count);
        // Every group ever seen, in first-seen order.
        Assert.Equal([5, 1, 9, 100], Enumerable.Range(0, 4).Select(i => table.EntryAt(i).Key));
        Assert.Equal(2, table.EntryAt(0).Value);

        Fold(table);
        Assert.Empty(Changed(table));
        Assert.Equal(203, table.Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void String_keys_with_a_stored_hash_list_each_batch_s_changes_like_a_reference_across_growth(bool throughSpans)
    {
        var table = Kept<string, StringOps>(new InMemoryStateStoreProvider(null, 1L << 30, null));
        var totals = new Dictionary<string, long>();
        var firstSeen = new List<string>();
        var random = new Random(11);
        for (int batch = 0; batch < 12; batch++)
        {
            // Later batches bring many new keys, so the table grows while groups of the batch are already listed.
            string[] keys = [.. Enumerable.Range(0, 400).Select(_ => "k" + random.Next(50 + batch * 300))];
            table.BeginBatch();
            foreach (string key in keys)
            {
                bool added;
                if (throughSpans) table.FindOrAdd<ReadOnlySpan<char>, StringOps>(key.AsSpan(), out added)++;
                else table.FindOrAdd(key, out added)++;
                Assert.Equal(!totals.ContainsKey(key), added);
                if (added) firstSeen.Add(key);
                totals[key] = totals.GetValueOrDefault(key) + 1;
            }

            var expected = keys.Distinct().Select(k => (k, totals[k])).ToList();
            Assert.Equal(expected, Enumerable.Range(0, table.ChangedCount).Select(i => (table.ChangedAt(i).Key, table.ChangedAt(i).Value)).ToList());
            Assert.Equal(firstSeen, Enumerable.Range(0, table.Count).Select(i => table.EntryAt(i).Key));
            Assert.All(Enumerable.Range(0, table.Count), i =>
                Assert.Equal(keys.Contains(table.EntryAt(i).Key), table.StampAt(i) == table.CurrentStamp));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Copying_the_groups_changed_since_a_stamp_gives_exactly_those_whether_few_or_most_changed(bool stringKeys)
    {
        if (stringKeys) CopiesExactlyTheChangedGroups<string, StringOps>(number => "k" + number, key => int.Parse(key[1..]));
        else CopiesExactlyTheChangedGroups<int, IntOps>(number => number, key => key);
    }

    // Keys stand for numbers, so the reference is the same for every key type.
    private static void CopiesExactlyTheChangedGroups<TKey, TOps>(Func<int, TKey> keyOf, Func<TKey, int> numberOf)
        where TKey : notnull
        where TOps : struct, IBatchKeyOps<TKey>
    {
        var table = Kept<TKey, TOps>(new InMemoryStateStoreProvider(null, 1L << 30, null));
        var totals = new Dictionary<int, long>();
        var changedAt = new Dictionary<int, int>();
        var random = new Random(5);
        var stamps = new List<int>();
        for (int batch = 0; batch < 16; batch++)
        {
            // Odd batches touch most groups (read slot by slot), even ones a few of many (gathered in first-touched order).
            int[] numbers = [.. Enumerable.Range(0, batch % 2 == 1 ? 6_000 : 40).Select(_ => random.Next(3_000))];
            table.BeginBatch();
            foreach (int number in numbers)
            {
                table.FindOrAdd(keyOf(number), out _)++;
                totals[number] = totals.GetValueOrDefault(number) + 1;
                changedAt[number] = batch;
            }

            stamps.Add(table.CurrentStamp);
            foreach (int since in new[] { batch, batch - 1, batch / 2 }.Where(b => b >= 0).Distinct())
            {
                int stamp = since == 0 ? stamps[0] - 1 : stamps[since - 1];
                var expected = changedAt.Where(c => c.Value >= since).Select(c => (c.Key, totals[c.Key])).OrderBy(c => c.Key).ToList();
                KeyValuePair<TKey, long>[] copies = new KeyValuePair<TKey, long>[3];
                int count = table.CopyChangedSince(stamp, ref copies);
                Assert.Equal(expected, copies.Take(count).Select(c => (numberOf(c.Key), c.Value)).OrderBy(c => c.Item1).ToList());
            }
        }
    }

    [Fact]
    public void Kept_state_reports_the_operator_s_rows_in_the_in_memory_provider_s_metrics()
    {
        var (table, provider) = Kept();
        Fold(table, 1, 2, 3, 1);
        provider.Checkpoint(0);
        var first = Assert.Single(provider.CollectMetrics());
        Assert.Equal(("aggregate0", 3L, 3L, 0L), (first.OperatorId, first.NumRowsTotal, first.NumRowsUpdated, first.NumRowsRemoved));

        Fold(table, 3, 4);
        provider.Checkpoint(1);
        var second = Assert.Single(provider.CollectMetrics());
        Assert.Equal((4L, 2L), (second.NumRowsTotal, second.NumRowsUpdated));
        Assert.True(second.MemoryUsedBytes > 0);
    }

    [Fact]
    public void The_in_memory_provider_refuses_a_second_table_for_the_same_operator()
    {
        var (_, provider) = Kept();
        var error = Assert.Throws<InvalidOperationException>(() =>
            new PlanContext(provider, NullLogger.Instance).GetStateStore<int, int, long, IntOps>(new AggregateTable<int, long, IntOps>("aggregate0")));
        Assert.Contains("'aggregate0'", error.Message);
    }
}
