using Compiled.Testing.EventTime;
using Compiled.Tests.TestSupport;

namespace Compiled.Tests.EventTime;

/// <summary>
/// Drives a <see cref="KeyedWindowPlan"/> through the real engine batch by batch, with restarts and injected sink
/// failures at random points, and compares every batch with <see cref="EventTimeReference"/>.
/// </summary>
internal sealed class DifferentialRun
{
    private const long DelayMs = 5_000;
    private const long SizeMs = 10_000;
    private const long SlideMs = 2_500;
    private const long GapMs = 3_000;
    private static readonly string[] s_keys = ["a", "b", "c"];

    /// <summary>Random events: time moves forward with jitter, a fifth arrive out of order (some behind the watermark), some session gaps are not positive.</summary>
    internal static List<List<Event>> RandomBatches(Random random, int events)
    {
        var rows = new List<Event>();
        long now = 1_700_000_000_000;
        for (int i = 0; i < events; i++)
        {
            // Times on a 500 ms grid, so rows, watermarks and window ends often coincide: the boundaries are what is tested.
            now += random.Next(0, 6) * 500;
            long time = random.Next(5) == 0 ? now - random.Next(0, 19) * 500 : now;
            rows.Add(new Event(time, s_keys[random.Next(s_keys.Length)], random.Next(1, 100), random.Next(-1, 8) * 500));
        }
        var batches = new List<List<Event>>();
        for (int i = 0; i < rows.Count;)
        {
            int size = Math.Min(rows.Count - i, random.Next(1, 9));
            batches.Add(rows.GetRange(i, size));
            i += size;
        }
        return batches;
    }

    internal static ReferenceQuery<Event, string, WindowTotal> ReferenceFor(WindowKind kind, OutputMode mode) => new()
    {
        EventTimeMs = e => e.TimeMs,
        DelayMs = DelayMs,
        Window = kind switch
        {
            WindowKind.Tumbling => new ReferenceWindow.Tumbling(SizeMs),
            WindowKind.Sliding => new ReferenceWindow.Sliding(SizeMs, SlideMs),
            WindowKind.Session => new ReferenceWindow.Session(GapMs),
            _ => new ReferenceWindow.SessionPerRow(e => ((Event)e).GapMs),
        },
        Key = e => e.Key,
        Result = (start, end, key, rows) => new WindowTotal(start, end, key, rows.Sum(r => (long)r.Value), rows.Count, rows.Max(r => r.Value)),
        Mode = mode,
    };

    internal static KeyedWindowPlan PlanFor(WindowKind kind, OutputMode mode, LateRows lateRows = LateRows.Drop) =>
        new(kind, mode, TimeSpan.FromMilliseconds(DelayMs),
            TimeSpan.FromMilliseconds(kind is WindowKind.Session or WindowKind.SessionPerRowGap ? GapMs : SizeMs),
            TimeSpan.FromMilliseconds(SlideMs), lateRows);

    /// <summary>Runs the case and asserts every batch equals the reference's.</summary>
    internal static async Task RunAndCompare(WindowKind kind, OutputMode mode, StateStoreKind store, int seed, bool restarts)
    {
        var random = new Random(seed);
        var batches = RandomBatches(random, 120);
        var expected = EventTimeReference.Run(ReferenceFor(kind, mode), batches);

        using var dir = new TempDirectory();
        var source = Source.Memory<Event>();
        var sink = new BatchCollectingSink<WindowTotal>();
        var listener = new RecordingListener();
        var options = new QueryOptions
        {
            CheckpointLocation = dir.Combine("chk"),
            Clock = new ManualClock(1_000),
            StateStore = store,
            StateMemoryBudgetBytes = 1 << 20,
            Listeners = [listener],
        };
        StreamingQuery query = StreamingQuery.Start(PlanFor(kind, mode), [source], sink, options);
        try
        {
            foreach (var batch in batches)
            {
                if (restarts && random.Next(6) == 0)
                {
                    await query.StopAsync().Bounded();
                    query = StreamingQuery.Start(PlanFor(kind, mode), [source], sink, options);
                }
                if (restarts && random.Next(8) == 0) sink.FailOnceAt = sink.Batches.Count == 0 ? 0 : sink.Batches.Keys.Max() + 1;
                source.AddData([.. batch]);
                try
                {
                    await query.ProcessAllAvailableAsync().Bounded();
                }
                catch (StreamingQueryException)
                {
                    // The failed batch is logged but not committed: the restarted query re-runs it first.
                    query = StreamingQuery.Start(PlanFor(kind, mode), [source], sink, options);
                    await query.ProcessAllAvailableAsync().Bounded();
                }
            }
        }
        finally
        {
            await query.StopAsync().Bounded();
        }

        // The case exercises what it claims: output, late rows and batches without data all occur.
        Assert.True(expected.Sum(b => b.Output.Count) > 0, "no output expected");
        if (mode != OutputMode.Complete)
        {
            Assert.True(expected.Sum(b => b.Late.Count) > 0, "no late rows generated");
            Assert.Contains(expected, b => b.IsNoData);
        }

        var actual = sink.Batches;
        var progress = listener.Progress.GroupBy(p => p.BatchId).ToDictionary(g => g.Key, g => g.Last());
        string context = $"{kind} {mode} {store} seed {seed}";
        Assert.True(expected.Count == actual.Count, $"{context}: expected {expected.Count} batches, got {actual.Count}");
        foreach (var want in expected)
        {
            Assert.True(actual.TryGetValue(want.BatchId, out var got), $"{context}: batch {want.BatchId} missing");
            Assert.True(Sorted(want.Output).SequenceEqual(Sorted(got!)),
                $"{context}: batch {want.BatchId} (watermark {want.WatermarkMs}, no data: {want.IsNoData})\n expected {string.Join(", ", Sorted(want.Output))}\n actual   {string.Join(", ", Sorted(got!))}");
            var op = progress[want.BatchId].StateOperators.Single();
            Assert.True(want.Late.Count == op.NumRowsDroppedByWatermark, $"{context}: batch {want.BatchId} late rows");
            if (want.WatermarkMs != long.MinValue)
                Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(want.WatermarkMs).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"),
                    progress[want.BatchId].EventTime["watermark"]);
            // State rows are (window, key) entries, as in Spark, for tumbling windows and sessions; sliding windows count
            // (pane, key) entries, which the reference does not model.
            if (kind is not WindowKind.Sliding)
                Assert.True(want.OpenWindows == op.NumRowsTotal, $"{context}: batch {want.BatchId}: {want.OpenWindows} open windows expected, state holds {op.NumRowsTotal}");
            if (kind is WindowKind.Tumbling)
            {
                Assert.True(want.UpdatedWindows == op.NumRowsUpdated, $"{context}: batch {want.BatchId}: {want.UpdatedWindows} updated windows expected, state reports {op.NumRowsUpdated}");
                Assert.True(want.RemovedWindows == op.NumRowsRemoved, $"{context}: batch {want.BatchId}: {want.RemovedWindows} removed windows expected, state reports {op.NumRowsRemoved}");
            }
        }
    }

    private static IEnumerable<WindowTotal> Sorted(IEnumerable<WindowTotal> rows) =>
        rows.OrderBy(r => r.StartMs).ThenBy(r => r.EndMs).ThenBy(r => r.Key, StringComparer.Ordinal);
}
