using Compiled.Plans;
using Compiled.State;
using Compiled.Windows;
using Microsoft.Extensions.Logging.Abstractions;
using static Compiled.Tests.EventTime.KeyedWindowPlan;

namespace Compiled.Tests.EventTime;

/// <summary>
/// Tumbling and sliding windows with state in memory only: the window tables are the state (no store is opened), and
/// the operator reports its (window or pane, key) rows, updates and removals itself.
/// </summary>
public sealed class WindowInMemoryStateTests
{
    [Fact]
    public void Tumbling_windows_kept_in_memory_report_their_rows_and_emit_each_window_once()
    {
        using var provider = new InMemoryStateStoreProvider(null, 1L << 30, null);
        var windows = new TumblingWindowAggregation<string, TotalState, StringKeyOps>(
            new PlanContext(provider, NullLogger.Instance), "aggregate0", OutputMode.Append, TimeSpan.FromSeconds(10));

        // Batch 0: keys a, b in [0, 10 s), a again in [10 s, 20 s).
        Add(windows, 1_000, "a", 1);
        Add(windows, 2_000, "b", 2);
        Add(windows, 3_000, "a", 3);
        Add(windows, 12_000, "a", 4);
        var emitted = new List<(long Start, string Key, long Sum)>();
        var emitter = new ListEmitter(emitted);
        windows.Apply(long.MinValue, ref emitter);
        Assert.Empty(emitted);
        provider.Checkpoint(0);
        StateStoreMetrics first = Assert.Single(provider.CollectMetrics());
        Assert.Equal(("aggregate0", 3L, 3L, 0L), (first.OperatorId, first.NumRowsTotal, first.NumRowsUpdated, first.NumRowsRemoved));

        // Batch 1 at watermark 10 s closes [0, 10 s) and adds c to [10 s, 20 s).
        Add(windows, 15_000, "c", 5);
        windows.Apply(10_000, ref emitter);
        Assert.Equal([(0L, "a", 4L), (0L, "b", 2L)], emitted);
        provider.Checkpoint(1);
        StateStoreMetrics second = Assert.Single(provider.CollectMetrics());
        Assert.Equal((2L, 1L, 2L), (second.NumRowsTotal, second.NumRowsUpdated, second.NumRowsRemoved));
        Assert.True(second.MemoryUsedBytes > 0);

        // Batch 2 at watermark 20 s closes the rest; a recycled table starts empty.
        emitted.Clear();
        Add(windows, 25_000, "d", 6);
        windows.Apply(20_000, ref emitter);
        Assert.Equal([(10_000L, "a", 4L), (10_000L, "c", 5L)], emitted);
        emitted.Clear();
        windows.Apply(30_000, ref emitter);
        Assert.Equal([(20_000L, "d", 6L)], emitted);
    }

    [Fact]
    public void Sliding_windows_kept_in_memory_fold_their_panes()
    {
        using var provider = new InMemoryStateStoreProvider(null, 1L << 30, null);
        var windows = new SlidingWindowAggregation<string, TotalState, StringKeyOps>(
            new PlanContext(provider, NullLogger.Instance), "aggregate0", OutputMode.Append, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5));
        // Panes of 5 s: 3 s and 7 s fall in [0, 10 s); 7 s also in [5 s, 15 s).
        Add(windows, 3_000, "a", 1);
        Add(windows, 7_000, "a", 2);
        var emitted = new List<(long Start, string Key, long Sum)>();
        var emitter = new ListEmitter(emitted);
        windows.Apply(long.MinValue, ref emitter);
        windows.Apply(15_000, ref emitter);
        Assert.Equal([(-5_000L, "a", 1L), (0L, "a", 3L), (5_000L, "a", 2L)], emitted);
        provider.Checkpoint(0);
        Assert.Equal(0, Assert.Single(provider.CollectMetrics()).NumRowsTotal);
    }

    private static void Add(TumblingWindowAggregation<string, TotalState, StringKeyOps> windows, long timeMs, string key, int value) =>
        Fold(windows, windows.StartOf(timeMs), key, value);

    private static void Add(SlidingWindowAggregation<string, TotalState, StringKeyOps> windows, long timeMs, string key, int value) =>
        Fold(windows, windows.StartOf(timeMs), key, value);

    private static void Fold(TableWindowAggregation<string, TotalState, StringKeyOps> windows, long startMs, string key, int value)
    {
        ref TotalState acc = ref windows.Accumulate(startMs, key, out _);
        acc.Sum += value;
        acc.Count++;
    }

    private readonly struct ListEmitter(List<(long Start, string Key, long Sum)> rows) : IWindowEmitter<string, TotalState>
    {
        public void Emit(in WindowKey<string> window, in TotalState accumulator) => rows.Add((window.StartMs, window.Key, accumulator.Sum));
    }
}
