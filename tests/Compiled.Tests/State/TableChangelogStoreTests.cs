using System.Buffers.Binary;
using Compiled.Aggregation;
using Compiled.Plans;
using Compiled.State;
using Compiled.State.Changelog;
using Compiled.State.Faster;
using Microsoft.Extensions.Logging.Abstractions;
using IntOps = Compiled.Tests.Aggregation.BatchTableTests.IntOps;

namespace Compiled.Tests.State;

/// <summary>
/// Durable state of a keyed aggregation kept in its own table: the changelog is written from the table, recovery fills
/// the table, and a table that outgrows its memory budget hands its groups to a store that evicts. Checked against a
/// Dictionary of the same folds.
/// </summary>
public sealed class TableChangelogStoreTests
{
    [Fact]
    public void A_durable_table_is_the_state_and_recovers_exactly_from_the_base_and_the_frames_after_it()
    {
        using var dir = new TempDirectory();
        var random = new Random(3);
        var expected = new Dictionary<int, long>();
        long batch = 0;
        for (int run = 0; run < 3; run++)
        {
            using var provider = new ChangelogStateStoreProvider(dir.Path, batch == 0 ? null : batch - 1, 64L << 20, snapshotInterval: 3, null);
            var table = KeptTable(provider);
            Assert.True(table.KeepsState);
            Assert.Equal(expected, Groups(table));
            for (int i = 0; i < 4; i++, batch++)
            {
                Fold(table, random, expected, keySpace: 5_000, rows: 2_000);
                provider.Checkpoint(batch);
                StateStoreMetrics metrics = Assert.Single(provider.CollectMetrics());
                Assert.Equal(expected.Count, metrics.NumRowsTotal);
                Assert.Equal(table.ChangedCount, metrics.NumRowsUpdated);
            }
        }

        // The frames are the store's own format: the store that evicts recovers them too.
        using var other = new ChangelogStateStoreProvider(dir.Path, batch - 1, 64L << 20, snapshotInterval: 3, null);
        StateAssert.Matches(expected, other.GetStore<int, long>("agg", null, null));
    }

    [Fact]
    public void A_frame_written_while_the_next_batch_changes_the_table_holds_the_groups_as_its_batch_left_them()
    {
        // The section is copied when the checkpoint begins and encoded on the checkpoint thread, while the next batch
        // folds into the same groups in place.
        using var dir = new TempDirectory();
        var random = new Random(5);
        var atBatch0 = new Dictionary<int, long>();
        using (var provider = new ChangelogStateStoreProvider(dir.Path, null, 64L << 20, snapshotInterval: 10, null))
        {
            var table = KeptTable(provider);
            Fold(table, random, atBatch0, keySpace: 3_000, rows: 6_000);
            Action writeFrame = provider.BeginCheckpoint(0);
            var later = new Dictionary<int, long>(atBatch0);
            Fold(table, random, later, keySpace: 3_000, rows: 6_000);
            Assert.NotEqual(atBatch0, Groups(table));
            writeFrame();
        }

        using var recovered = new ChangelogStateStoreProvider(dir.Path, 0, 64L << 20, snapshotInterval: 10, null);
        var again = KeptTable(recovered);
        Assert.Equal(atBatch0, Groups(again));
    }

    [Fact]
    public void Bases_written_without_reading_faster_first_record_the_exact_group_count()
    {
        // The base thread writes groups it knows the base holds, and new ones, blind: a wrong guess would leave FASTER's
        // count (recorded in each base manifest) off from the groups at that batch. The key space grows every batch, and
        // the second run recovers the table from a base before writing more.
        using var dir = new TempDirectory();
        var random = new Random(21);
        var expected = new Dictionary<int, long>();
        var groupsAt = new Dictionary<long, int>();
        long batch = 0;
        for (int run = 0; run < 2; run++)
        {
            using (var provider = new ChangelogStateStoreProvider(dir.Path, batch == 0 ? null : batch - 1, 64L << 20, snapshotInterval: 2, null))
            {
                var table = KeptTable(provider);
                for (int i = 0; i < 5; i++, batch++)
                {
                    Fold(table, random, expected, keySpace: 1_000 * (int)(batch + 1), rows: 1_500);
                    provider.Checkpoint(batch);
                    groupsAt[batch] = expected.Count;
                }
            }

            string versions = Path.Combine(dir.Path, StateVersionManifest.DirectoryName);
            List<long> bases = StateVersionManifest.ListVersions(versions);
            Assert.NotEmpty(bases);
            foreach (long based in bases)
            {
                Assert.Equal(groupsAt[based], Assert.Single(StateVersionManifest.TryRead(versions, based)!.Operators).Count);
            }
        }
    }

    [Fact]
    public void The_first_base_of_many_groups_sizes_the_faster_index_for_them_before_writing_them()
    {
        // 100,000 groups need 50,000 buckets at two keys a bucket; a new store's index has 16,384, and one grown a
        // doubling per base would still have 32,768 after the first.
        using var dir = new TempDirectory();
        var random = new Random(17);
        var expected = new Dictionary<int, long>();
        using (var provider = new ChangelogStateStoreProvider(dir.Path, null, 64L << 20, snapshotInterval: 1, null))
        {
            var table = KeptTable(provider);
            table.BeginBatch();
            for (int key = 0; key < 100_000; key++)
            {
                table.FindOrAdd(key, out _) += key;
                expected[key] = key;
            }

            provider.Checkpoint(0);
            Fold(table, random, expected, keySpace: 100_000, rows: 1_000);
            provider.Checkpoint(1);
        }

        string versions = Path.Combine(dir.Path, StateVersionManifest.DirectoryName);
        OperatorCheckpoint first = Assert.Single(StateVersionManifest.TryRead(versions, 0)!.Operators);
        Assert.Equal((100_000L, 65_536L), (first.Count, first.IndexBuckets));
        using var recovered = new ChangelogStateStoreProvider(dir.Path, 1, 64L << 20, snapshotInterval: 1, null);
        StateAssert.Matches(expected, recovered.GetStore<int, long>("agg", null, null));
    }

    [Fact]
    public void A_table_that_outgrows_its_budget_hands_its_groups_to_a_store_that_evicts_and_stays_exact()
    {
        using var dir = new TempDirectory();
        // 1 MiB: half for the table, about 11,000 groups of int -> long; the keys reach about 20,000.
        const long Budget = 1 << 20;
        var random = new Random(9);
        var expected = new Dictionary<int, long>();
        long batch = 0;
        bool evicted = false;
        for (int run = 0; run < 2; run++)
        {
            using var provider = new ChangelogStateStoreProvider(dir.Path, batch == 0 ? null : batch - 1, Budget, snapshotInterval: 2, null);
            var table = new AggregateTable<int, long, IntOps>("agg");
            IStateStore<int, long>? store = new PlanContext(provider, NullLogger.Instance).GetStateStore<int, int, long, IntOps>(table);
            Assert.True(run == 1 || store is null, "A new query's table is its state.");
            for (int i = 0; i < 5; i++, batch++)
            {
                Fold(table, random, expected, keySpace: 40_000, rows: 6_000);
                // What the generated code does: a store the table handed its state to takes each changed group once.
                store ??= table.HandedOffTo<int>();
                if (store is not null) table.PrefetchChanged(store);
                for (int c = 0; store is not null && c < table.ChangedCount; c++)
                {
                    ref var entry = ref table.ChangedAt(c);
                    ref long total = ref store.GetOrAdd(entry.Key, out bool existed);
                    total = (existed ? total : 0) + entry.Value;
                }

                provider.Checkpoint(batch);
                StateStoreMetrics metrics = Assert.Single(provider.CollectMetrics());
                Assert.Equal(expected.Count, metrics.NumRowsTotal);
                Assert.Equal(0, metrics.CustomMetrics["baseReads"]); // the changed groups were prefetched: none is read one at a time
                evicted |= metrics.CustomMetrics["keysInMemory"] < expected.Count;
            }

            store ??= table.HandedOffTo<int>();
            Assert.NotNull(store);
            Assert.False(table.KeepsState);
            StateAssert.Matches(expected, store);
        }

        Assert.True(evicted, "The state never left memory: the test does not cover eviction after the hand-off.");
    }

    [Fact]
    public void A_frame_whose_group_count_does_not_match_the_table_is_refused_naming_the_segment_and_the_batch()
    {
        // A changelog edited by hand (or damaged and resealed), so every checksum holds: batch 1's frame claims one group
        // more than the table recovers. Recovery must refuse it rather than go on with a count the state does not have.
        using var dir = new TempDirectory();
        var random = new Random(5);
        var expected = new Dictionary<int, long>();
        using (var provider = new ChangelogStateStoreProvider(dir.Path, null, 64L << 20, snapshotInterval: 100, null))
        {
            var table = KeptTable(provider);
            for (long batch = 0; batch < 3; batch++)
            {
                Fold(table, random, expected, keySpace: 500, rows: 200);
                provider.Checkpoint(batch);
            }
        }

        string segment = Directory.EnumerateFiles(Path.Combine(dir.Path, ChangelogFiles.DirectoryName)).Single();
        ResealFrames(segment, (batchId, payload) =>
        {
            if (batchId != 1) return;
            // The payload's first section: after the base id, its manifest CRC and the operator count, the section header
            // (length-prefixed), then the operator's row count.
            int countAt = ChangelogFrame.PayloadPrefixBytes + sizeof(int) + BinaryPrimitives.ReadInt32LittleEndian(payload.AsSpan(ChangelogFrame.PayloadPrefixBytes));
            BinaryPrimitives.WriteInt64LittleEndian(payload.AsSpan(countAt), BinaryPrimitives.ReadInt64LittleEndian(payload.AsSpan(countAt)) + 1);
        });

        var error = Assert.Throws<InvalidDataException>(() =>
        {
            using var provider = new ChangelogStateStoreProvider(dir.Path, 2, 64L << 20, snapshotInterval: 100, null);
            new PlanContext(provider, NullLogger.Instance).GetStateStore<int, int, long, IntOps>(new AggregateTable<int, long, IntOps>("agg"));
        });
        Assert.StartsWith($"Changelog segment '{segment}', batch 1: The state of operator 'agg' recovers to ", error.Message, StringComparison.Ordinal);
        Assert.Contains("the base and the changelog do not belong together", error.Message, StringComparison.Ordinal);
    }

    // Rewrites every frame of a segment after edit changes its payload, recomputing the checksums and the chain as the
    // store would have written them.
    private static void ResealFrames(string segment, Action<long, byte[]> edit)
    {
        byte[] bytes = File.ReadAllBytes(segment);
        uint previous = 0;
        for (int offset = 0; offset < bytes.Length;)
        {
            var header = ChangelogFrame.ReadHeader(bytes.AsSpan(offset))!.Value;
            Span<byte> frame = bytes.AsSpan(offset, ChangelogFrame.HeaderBytes + header.PayloadLength);
            if (offset == 0) previous = header.PreviousCrc;
            byte[] payload = frame[ChangelogFrame.HeaderBytes..].ToArray();
            edit(header.BatchId, payload);
            payload.CopyTo(frame[ChangelogFrame.HeaderBytes..]);
            previous = ChangelogFrame.WriteHeader(frame, header.BatchId, previous);
            offset += frame.Length;
        }

        File.WriteAllBytes(segment, bytes);
    }

    private static void Fold(AggregateTable<int, long, IntOps> table, Random random, Dictionary<int, long> expected, int keySpace, int rows)
    {
        table.BeginBatch();
        for (int row = 0; row < rows; row++)
        {
            int key = random.Next(keySpace);
            table.FindOrAdd(key, out _) += key + 1;
            expected[key] = expected.GetValueOrDefault(key) + key + 1;
        }
    }

    // A new table the durable provider keeps as the operator's state (it answers no store).
    private static AggregateTable<int, long, IntOps> KeptTable(ChangelogStateStoreProvider provider)
    {
        var table = new AggregateTable<int, long, IntOps>("agg");
        Assert.Null(new PlanContext(provider, NullLogger.Instance).GetStateStore<int, int, long, IntOps>(table));
        return table;
    }

    private static Dictionary<int, long> Groups(AggregateTable<int, long, IntOps> table) =>
        Enumerable.Range(0, table.Count).ToDictionary(i => table.EntryAt(i).Key, i => table.EntryAt(i).Value);
}
