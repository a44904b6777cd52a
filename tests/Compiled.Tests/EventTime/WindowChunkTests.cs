using Compiled.Plans;
using Compiled.State.Changelog;
using Compiled.Tests.Aggregation;
using Compiled.Tests.TestSupport;
using Compiled.Windows;
using Microsoft.Extensions.Logging.Abstractions;
using static Compiled.Tests.EventTime.KeyedWindowPlan;

namespace Compiled.Tests.EventTime;

/// <summary>
/// The chunked state of tumbling windows (one chunk per window and batch that changed it) against a Dictionary
/// reference: a window changed in every batch stays exact across restarts and keeps a bounded number of chunks.
/// </summary>
public sealed class WindowChunkTests
{
    [Fact]
    public void A_window_changed_in_every_batch_recovers_exactly_and_keeps_at_most_eight_chunks()
    {
        using var dir = new TempDirectory();
        var expected = new Dictionary<string, (long Sum, long Count, int Max)>();
        var random = new Random(5);
        long batch = 0;
        for (int run = 0; run < 4; run++)
        {
            using var provider = new ChangelogStateStoreProvider(dir.Path, run == 0 ? null : batch - 1, 64L << 20, snapshotInterval: 3, null);
            var windows = new TumblingWindowAggregation<string, TotalState, StringKeyOps>(
                new PlanContext(provider, NullLogger.Instance), "aggregate0", OutputMode.Complete, TimeSpan.FromHours(1));
            for (int i = 0; i < 7; i++, batch++)
            {
                // Every row falls in the first hour; most batches change some keys only, so chunks hold parts of the table.
                for (int row = 0; row < 40; row++)
                {
                    string key = "k" + random.Next(30).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    int value = random.Next(1000);
                    ref TotalState acc = ref windows.Accumulate(windows.StartOf(random.Next(3_600_000)), key, out bool added);
                    acc.Sum += value;
                    acc.Count++;
                    if (added || value > acc.Max) acc.Max = value;
                    expected[key] = expected.TryGetValue(key, out var was)
                        ? (was.Sum + value, was.Count + 1, Math.Max(was.Max, value))
                        : (value, 1, value);
                }
                var emitted = new Dictionary<string, (long Sum, long Count, int Max)>();
                var emitter = new CollectingEmitter(emitted);
                windows.Apply(long.MinValue, ref emitter);
                Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.Ordinal), emitted.OrderBy(p => p.Key, StringComparer.Ordinal));
                provider.Checkpoint(batch);
                var metrics = provider.CollectMetrics().Single();
                // The operator reports its (window, key) rows; the store itself holds a bounded number of chunks.
                Assert.Equal(expected.Count, metrics.NumRowsTotal);
                Assert.InRange(metrics.CustomMetrics["keysInMemory"], 1, 8);
            }
        }
    }

    [Fact]
    public void Windows_of_unmanaged_keys_and_accumulators_write_compact_chunks_that_recover_exactly()
    {
        // Int keys (varints) and an unmanaged accumulator of the default (raw) compact form;
        // several windows, each batch changing part of some of them, restarted after every few batches.
        using var dir = new TempDirectory();
        var expected = new Dictionary<(long Start, int Key), (long Sum, long Count, int Max)>();
        var random = new Random(11);
        long batch = 0;
        for (int run = 0; run < 4; run++)
        {
            using var provider = new ChangelogStateStoreProvider(dir.Path, run == 0 ? null : batch - 1, 64L << 20, snapshotInterval: 3, null);
            var windows = new TumblingWindowAggregation<int, TotalState, BatchTableTests.IntOps>(
                new PlanContext(provider, NullLogger.Instance), "aggregate0", OutputMode.Complete, TimeSpan.FromMinutes(1));
            for (int i = 0; i < 7; i++, batch++)
            {
                for (int row = 0; row < 60; row++)
                {
                    int key = random.Next(25);
                    int value = random.Next(1000);
                    long start = windows.StartOf(random.Next(4) * 60_000L + random.Next(60_000));
                    ref TotalState acc = ref windows.Accumulate(start, key, out bool added);
                    acc.Sum += value;
                    acc.Count++;
                    if (added || value > acc.Max) acc.Max = value;
                    expected[(start, key)] = expected.TryGetValue((start, key), out var was)
                        ? (was.Sum + value, was.Count + 1, Math.Max(was.Max, value))
                        : (value, 1, value);
                }
                var emitted = new Dictionary<(long Start, int Key), (long Sum, long Count, int Max)>();
                var emitter = new WindowCollectingEmitter(emitted);
                windows.Apply(long.MinValue, ref emitter);
                Assert.Equal(expected.OrderBy(p => p.Key), emitted.OrderBy(p => p.Key));
                provider.Checkpoint(batch);
                Assert.Equal(expected.Count, provider.CollectMetrics().Single().NumRowsTotal);
            }
        }
    }

    private readonly struct WindowCollectingEmitter(Dictionary<(long Start, int Key), (long Sum, long Count, int Max)> rows) : IWindowEmitter<int, TotalState>
    {
        public void Emit(in WindowKey<int> window, in TotalState accumulator) =>
            rows.Add((window.StartMs, window.Key), (accumulator.Sum, accumulator.Count, accumulator.Max));
    }

    private readonly struct CollectingEmitter(Dictionary<string, (long Sum, long Count, int Max)> rows) : IWindowEmitter<string, TotalState>
    {
        public void Emit(in WindowKey<string> window, in TotalState accumulator)
        {
            Assert.Equal(0, window.StartMs);
            rows.Add(window.Key, (accumulator.Sum, accumulator.Count, accumulator.Max));
        }
    }
}
