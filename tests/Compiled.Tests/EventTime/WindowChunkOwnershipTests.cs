using System.Buffers;
using System.Text;
using Compiled.Engine;
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
/// Window chunks are encoded on the checkpoint thread from the window's table while the next batch runs: a table whose
/// chunk is still pending is not changed (a later batch writing into the window encodes the chunk first) nor reused for
/// another window (a closed table waits), so each frame holds its own batch's entries; and a chunk that fails to encode
/// fails that checkpoint, after which a restart recovers the last committed batch exactly. A chunk the base thread
/// reads first is encoded there, and recovery from that base is exact. Recovery to each batch is compared with counts
/// kept in the test.
/// </summary>
public sealed class WindowChunkOwnershipTests
{
    private static readonly TimeSpan s_minute = TimeSpan.FromMinutes(1);

    [Fact]
    public void A_window_the_next_batch_writes_before_the_frame_was_written_keeps_each_batch_in_its_own_frame()
    {
        using var dir = new TempDirectory();
        var counts = new Dictionary<(long Start, int Key), long>();
        Dictionary<(long Start, int Key), long> afterFirst;
        using (var provider = new ChangelogStateStoreProvider(dir.Path, null, 64L << 20, snapshotInterval: 1000, null))
        {
            var windows = Open(provider, OutputMode.Complete);
            // Batch 0: keys 0-99 in the first minute.
            for (int key = 0; key < 100; key++) Add(windows, counts, 1_000 + key, key);
            Apply(windows, long.MinValue);
            Action frame0 = provider.BeginCheckpoint(0);
            afterFirst = new Dictionary<(long Start, int Key), long>(counts);
            Assert.Equal(1, PendingChunks(provider));

            // Batch 1 changes half of those keys and adds new ones in the same window before frame 0 is written.
            for (int key = 50; key < 150; key++) Add(windows, counts, 2_000 + key, key);
            Assert.Equal(0, PendingChunks(provider)); // its first row encoded batch 0's chunk before changing the table
            Apply(windows, long.MinValue);
            frame0();
            provider.BeginCheckpoint(1)();
        }

        // Batch 1 first: recovering to batch 0 cuts the later frame off.
        Assert.Equal(Sorted(counts), Recover(dir.Path, 1, OutputMode.Complete, long.MinValue));
        Assert.Equal(Sorted(afterFirst), Recover(dir.Path, 0, OutputMode.Complete, long.MinValue));
    }

    [Fact]
    public void A_closed_window_whose_chunk_is_pending_lends_its_table_to_no_new_window_before_the_frame_was_written()
    {
        using var dir = new TempDirectory();
        var counts = new Dictionary<(long Start, int Key), long>();
        var emitted = new Dictionary<(long Start, int Key), long>();
        Dictionary<(long Start, int Key), long> afterFirst;
        using (var provider = new ChangelogStateStoreProvider(dir.Path, null, 64L << 20, snapshotInterval: 1000, null))
        {
            var windows = Open(provider, OutputMode.Append);
            for (int key = 0; key < 80; key++) Add(windows, counts, 1_000 + key, key);
            Apply(windows, 0);
            Action frame0 = provider.BeginCheckpoint(0);
            afterFirst = new Dictionary<(long Start, int Key), long>(counts);
            Assert.Equal(1, PendingChunks(provider));

            // Batch 1: the watermark closes the first minute before the rows, whose new window needs a table.
            var emitter = new CountEmitter(emitted);
            windows.Close(60_000, ref emitter);
            for (int key = 100; key < 230; key++) Add(windows, counts, 61_000 + key, key);
            Apply(windows, 60_000);
            frame0();
            provider.BeginCheckpoint(1)();
        }

        Assert.Equal(Sorted(afterFirst), emitted.OrderBy(p => p.Key));
        // Recovered to batch 1 only the second minute is open; to batch 0 the first is, with batch 0's counts.
        Assert.Equal(Sorted(counts.Where(p => p.Key.Start == 60_000)), Recover(dir.Path, 1, OutputMode.Append, 120_000));
        Assert.Equal(Sorted(afterFirst), Recover(dir.Path, 0, OutputMode.Append, 60_000));
    }

    [Fact]
    public void A_pending_chunk_the_base_thread_reads_first_is_encoded_there_and_recovers_from_that_base_exactly()
    {
        using var dir = new TempDirectory();
        var counts = new Dictionary<(long Start, int Key), long>();
        using (var provider = new ChangelogStateStoreProvider(dir.Path, null, 64L << 20, snapshotInterval: 1, null))
        {
            var windows = Open(provider, OutputMode.Complete);
            for (int key = 0; key < 100; key++) Add(windows, counts, 1_000 + key, key);
            Apply(windows, long.MinValue);
            // A base after every batch: batch 0's pending chunk goes to the base thread before the frame is written.
            Action frame0 = provider.BeginCheckpoint(0);
            IStateStore<WindowKey<long>, WindowChunk> store = Store(provider);
            long ticket = store.ValueTicket;
            Assert.True(SpinWait.SpinUntil(() => store.ValuesReleased(ticket), TimeSpan.FromMinutes(1)), "base 0 did not complete");
            Assert.Equal(0, PendingChunks(provider)); // the base thread encoded it to write it to FASTER
            frame0();

            for (int key = 50; key < 150; key++) Add(windows, counts, 2_000 + key, key);
            Apply(windows, long.MinValue);
            provider.BeginCheckpoint(1)(); // frame 1 names base 0
        }

        // Batch 1 recovers from base 0 (the base thread's encoding) and frame 1.
        Assert.Equal(Sorted(counts), Recover(dir.Path, 1, OutputMode.Complete, long.MinValue));
    }

    [Fact]
    public void A_chunk_that_fails_to_encode_fails_its_checkpoint_and_a_restart_recovers_the_batch_before_exactly()
    {
        using var dir = new TempDirectory();
        var serializer = new FailingKeySerializer();
        var counts = new Dictionary<string, long>();
        Dictionary<string, long> committed;
        using (var provider = new ChangelogStateStoreProvider(dir.Path, null, 64L << 20, snapshotInterval: 1000, null))
        using (var guard = new StateCheckpointGuard(provider, dir.Path, TimeSpan.FromMinutes(1), "ownership"))
        {
            var windows = new TumblingWindowAggregation<string, TotalState, StringKeyOps>(
                new PlanContext(provider, NullLogger.Instance), "aggregate0", OutputMode.Complete, s_minute, keySerializer: serializer);
            Run(windows, counts, batch: 0);
            guard.Begin(0);
            guard.Complete();
            committed = new Dictionary<string, long>(counts);

            Run(windows, counts, batch: 1);
            serializer.Fail = true;
            // The chunk is encoded on the guard's thread, after the batch thread went on; the failure surfaces by the
            // time the batch's checkpoint is complete (in Begin already when the thread was quick).
            IOException failure = Assert.Throws<IOException>(() =>
            {
                guard.Begin(1);
                guard.Complete();
            });
            Assert.Equal(FailingKeySerializer.Message, failure.Message);
        }

        serializer.Fail = false;
        using var recovered = new ChangelogStateStoreProvider(dir.Path, 0, 64L << 20, snapshotInterval: 1000, null);
        var restarted = new TumblingWindowAggregation<string, TotalState, StringKeyOps>(
            new PlanContext(recovered, NullLogger.Instance), "aggregate0", OutputMode.Complete, s_minute, keySerializer: serializer);
        var rows = new Dictionary<string, long>();
        var all = new StringEmitter(rows);
        restarted.Apply(long.MinValue, ref all);
        Assert.Equal(committed.OrderBy(p => p.Key, StringComparer.Ordinal), rows.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    private static void Run(TumblingWindowAggregation<string, TotalState, StringKeyOps> windows, Dictionary<string, long> counts, int batch)
    {
        for (int i = 0; i < 40; i++) Add(windows, counts, "k" + (i % 25 + batch * 10).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var emitter = new StringEmitter([]);
        windows.Apply(long.MinValue, ref emitter);
    }

    private static TumblingWindowAggregation<int, TotalState, BatchTableTests.IntOps> Open(IStateStoreProvider provider, OutputMode mode) =>
        new(new PlanContext(provider, NullLogger.Instance), "aggregate0", mode, s_minute);

    private static void Add(TumblingWindowAggregation<int, TotalState, BatchTableTests.IntOps> windows, Dictionary<(long Start, int Key), long> counts, long time, int key)
    {
        long start = windows.StartOf(time);
        windows.Accumulate(start, key, out _).Count++;
        counts[(start, key)] = counts.GetValueOrDefault((start, key)) + 1;
    }

    private static void Add(TumblingWindowAggregation<string, TotalState, StringKeyOps> windows, Dictionary<string, long> counts, string key)
    {
        windows.Accumulate(0, key, out _).Count++;
        counts[key] = counts.GetValueOrDefault(key) + 1;
    }

    private static void Apply(TumblingWindowAggregation<int, TotalState, BatchTableTests.IntOps> windows, long watermarkMs)
    {
        var emitter = new CountEmitter([]);
        windows.Apply(watermarkMs, ref emitter);
    }

    // Reopens the state at batchId and emits what the windows hold: all of them (Complete), or those the watermark closes (Append).
    private static IOrderedEnumerable<KeyValuePair<(long Start, int Key), long>> Recover(string directory, long batchId, OutputMode mode, long watermarkMs)
    {
        using var provider = new ChangelogStateStoreProvider(directory, batchId, 64L << 20, snapshotInterval: 1000, null);
        var windows = Open(provider, mode);
        var rows = new Dictionary<(long Start, int Key), long>();
        var emitter = new CountEmitter(rows);
        windows.Apply(watermarkMs, ref emitter);
        return rows.OrderBy(p => p.Key);
    }

    private static IOrderedEnumerable<KeyValuePair<(long Start, int Key), long>> Sorted(IEnumerable<KeyValuePair<(long Start, int Key), long>> counts) =>
        counts.OrderBy(p => p.Key);

    private static IStateStore<WindowKey<long>, WindowChunk> Store(IStateStoreProvider provider) =>
        new PlanContext(provider, NullLogger.Instance).GetStateStore<WindowKey<long>, WindowChunk>("aggregate0", null, WindowChunk.Serializer.Instance);

    private static int PendingChunks(IStateStoreProvider provider)
    {
        IStateStore<WindowKey<long>, WindowChunk> store = Store(provider);
        var counter = new PendingCounter(new int[1]);
        store.ForEach(ref counter);
        return counter.Count[0];
    }

    private readonly struct PendingCounter(int[] count) : IStateVisitor<WindowKey<long>, WindowChunk>
    {
        public int[] Count => count;

        public void Visit(in WindowKey<long> key, in WindowChunk value)
        {
            if (value.IsPending) count[0]++;
        }
    }

    private readonly struct CountEmitter(Dictionary<(long Start, int Key), long> rows) : IWindowEmitter<int, TotalState>
    {
        public void Emit(in WindowKey<int> window, in TotalState accumulator) => rows.Add((window.StartMs, window.Key), accumulator.Count);
    }

    private readonly struct StringEmitter(Dictionary<string, long> rows) : IWindowEmitter<string, TotalState>
    {
        public void Emit(in WindowKey<string> window, in TotalState accumulator) => rows[window.Key] = accumulator.Count;
    }

    /// <summary>UTF-8 keys; fails every write while <see cref="Fail"/> is set, as a disk or a user serializer might.</summary>
    private sealed class FailingKeySerializer : IStateSerializer<string>
    {
        public const string Message = "The key serializer failed (test).";

        public volatile bool Fail;

        public void Serialize(in string value, IBufferWriter<byte> writer)
        {
            if (Fail) throw new IOException(Message);
            writer.Write(Encoding.UTF8.GetBytes(value));
        }

        public string Deserialize(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);
    }
}
