using Compiled.EndToEnd.Tests.Queries;
using Compiled.EndToEnd.Tests.Support;
using Compiled.Testing.KeyedState;

namespace Compiled.EndToEnd.Tests.Differential;

/// <summary>
/// The generated keyed-state operators run through the real engine over FASTER state, with out-of-order and late rows,
/// batch boundaries the engine chooses and a stop and restart halfway; every batch's output and the operator's state size
/// must be what <see cref="GroupStateReference{TRow, TKey, TState, TOut}"/> says Spark would give, batches without data
/// (where event-time timeouts fire) included.
/// </summary>
public sealed class GroupStateRestartTests : IDisposable
{
    private const long DelayMs = 5_000;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(31)]
    [InlineData(32)]
    public async Task Sessions_close_when_the_watermark_passes_their_event_time_timeout(int seed)
    {
        // Small batches, so a batch often lacks a sensor whose session the watermark has passed: its timeout then fires.
        var readings = Readings(300, seed);
        var source = Source.Memory<Reading>("readings", maxRowsPerTrigger: 2 + seed % 4);
        var run = await RestartedRun.RunAsync<Reading, SensorWindow>(SensorSessions.Start, source, InputData.Chunks(readings, seed, 60), _dir.Combine("checkpoint"));
        var reference = new GroupStateReference<Reading, string, SensorWindow, SensorWindow>(r => r.Sensor, KeyedFunctions.Session,
            GroupStateTimeout.EventTimeTimeout, r => EventTimes.ToUnixMs(r.Time), DelayMs);

        Compare(run, readings, "FlatMapGroupsWithState", rows => reference.Batch(rows, 0), () => reference.StateKeys);
        Assert.True(reference.Late > 0, "the data should hold late rows");
        Assert.True(reference.TimedOut > 3, "sessions should time out");
        Assert.Contains(run.Recorder.MemoryRanges().Values, r => r.Start == r.End);
    }

    [Theory]
    [InlineData(33)]
    [InlineData(34)]
    public async Task Running_totals_after_a_deduplication_in_update_mode(int seed)
    {
        var deliveries = DedupRestartTests.Deliveries(500, seed);
        var source = Source.Memory<Delivery>("deliveries", maxRowsPerTrigger: 20 + seed % 25);
        var run = await RestartedRun.RunAsync<Delivery, SensorCount>(SensorRunningTotals.Start, source, InputData.Chunks(deliveries, seed, 60), _dir.Combine("checkpoint"));
        var (batch, stateKeys) = RunningTotalsReference();
        Compare(run, deliveries, "MapGroupsWithState", batch, stateKeys);
    }

    /// <summary>What <see cref="SensorRunningTotals"/> should give: a batch's output, and the keyed state's size after it.</summary>
    internal static (Func<IReadOnlyList<Delivery>, List<SensorCount>> Batch, Func<int> StateKeys) RunningTotalsReference()
    {
        var dedup = new DedupReference<Delivery, int>(d => d.Id, d => EventTimes.ToUnixMs(d.Time), DelayMs, DedupForget.EventTimePlusDelay);
        var totals = new GroupStateReference<Delivery, string, SensorCount, SensorCount>(d => d.Sensor, (sensor, rows, state) =>
        {
            var total = state.GetOrDefault(new SensorCount(sensor, 0, 0));
            foreach (var d in rows) total = total with { Count = total.Count + 1, Sum = total.Sum + d.Value };
            state.Update(total);
            return [total];
        }, GroupStateTimeout.NoTimeout);
        return (rows => totals.Batch(dedup.Batch(rows), 0), () => totals.StateKeys);
    }

    /// <summary>Replays the batches the engine reported through the reference; each batch's rows and the operator's state size must match.</summary>
    internal static void Compare<TRow, TOut>(RestartedRunResult<TOut> run, List<TRow> rows, string operatorName,
        Func<IReadOnlyList<TRow>, List<TOut>> batch, Func<int> stateKeys)
        where TOut : notnull
    {
        var ranges = run.Recorder.MemoryRanges();
        Assert.Equal(rows.Count, ranges.Values.Last().End);
        var progress = run.Recorder.Progress.ToDictionary(p => p.BatchId);
        foreach (var (batchId, (from, to)) in ranges)
        {
            var expected = Sorted(batch(rows.GetRange(from, to - from)));
            var actual = Sorted(run.Emitted.GetValueOrDefault(batchId, []));
            Assert.True(expected.SequenceEqual(actual), $"batch {batchId} (rows {from}..{to}): expected\n{string.Join("\n", expected)}\nactual\n{string.Join("\n", actual)}");
            var op = progress[batchId].StateOperators.Single(o => o.OperatorName.StartsWith(operatorName, StringComparison.Ordinal));
            Assert.True(stateKeys() == op.NumRowsTotal, $"batch {batchId}: the reference keeps {stateKeys()} keys, the state {op.NumRowsTotal}");
        }
        Assert.True(run.Emitted.Values.Sum(b => b.Count) > 0, "no output");
    }

    /// <summary>Readings whose time moves forward by up to 4 s a row, now and then 20 s (so sessions end), a fifth up to 15 s in the past, over three sensors.</summary>
    internal static List<Reading> Readings(int count, int seed)
    {
        var random = new Random(seed);
        var now = new DateTime(2026, 12, 4, 10, 0, 0, DateTimeKind.Utc);
        string[] sensors = ["a", "b", "ü"];
        var readings = new List<Reading>(count);
        for (int i = 0; i < count; i++)
        {
            now = now.AddMilliseconds(random.Next(0, 4000) + (random.Next(12) == 0 ? 20_000 : 0));
            var time = random.Next(5) == 0 ? now.AddMilliseconds(-random.Next(0, 15_000)) : now;
            readings.Add(new Reading(time, sensors[random.Next(sensors.Length)], random.Next(-50, 100)));
        }
        // A last reading far ahead moves the watermark past every open session: only a batch without data can close them.
        readings.Add(new Reading(now.AddMinutes(1), "z", 0));
        return readings;
    }

    private static string[] Sorted<T>(IEnumerable<T> rows) where T : notnull =>
        rows.Select(r => r.ToString()!).Order(StringComparer.Ordinal).ToArray();
}
