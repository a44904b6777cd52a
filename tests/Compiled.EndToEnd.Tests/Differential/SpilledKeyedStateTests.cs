using Compiled.EndToEnd.Tests.Queries;
using Compiled.EndToEnd.Tests.Support;
using Compiled.Testing.KeyedState;

namespace Compiled.EndToEnd.Tests.Differential;

/// <summary>
/// A deduplication and a MapGroupsWithState whose state is many times the smallest memory budget, with a restart: the
/// output matches the references exactly, and neither operator reads a spilled key from FASTER twice. The deduplication
/// looks each key up once and then writes it as absent (and the watermark removes keys as live); the keyed state hands its
/// batch's keys to the store first (read together) and then writes and removes them knowing whether they existed.
/// </summary>
public sealed class SpilledKeyedStateTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Spilled_deduplication_and_keyed_state_read_each_spilled_key_at_most_once()
    {
        var deliveries = Deliveries(45_000, seed: 41);
        var source = Source.Memory<Delivery>("deliveries", maxRowsPerTrigger: 3_000);
        var run = await RestartedRun.RunAsync<Delivery, SensorCount>(SensorRunningTotals.Start, source, InputData.Chunks(deliveries, 41, 5_000), _dir.Combine("checkpoint"));
        var (batch, stateKeys) = GroupStateRestartTests.RunningTotalsReference();
        GroupStateRestartTests.Compare(run, deliveries, "MapGroupsWithState", batch, stateKeys);

        var ranges = run.Recorder.MemoryRanges();
        long prefetched = 0, dedupSpilled = 0, groupsSpilled = 0, evicted = 0;
        foreach (var progress in run.Recorder.Progress)
        {
            var rows = deliveries.GetRange(ranges[progress.BatchId].Start, ranges[progress.BatchId].End - ranges[progress.BatchId].Start);
            var dedupState = progress.StateOperators.Single(o => o.OperatorName.StartsWith("DropDuplicates", StringComparison.Ordinal));
            var groupState = progress.StateOperators.Single(o => o.OperatorName.StartsWith("MapGroupsWithState", StringComparison.Ordinal));
            // One lookup per distinct key at most: before, a new key was read again by its write, and an evicted one by its removal.
            int distinctIds = rows.Select(d => d.Id).Distinct().Count();
            Assert.True(dedupState.CustomMetrics["baseReads"] <= distinctIds,
                $"batch {progress.BatchId}: the deduplication read {dedupState.CustomMetrics["baseReads"]} keys from FASTER for {distinctIds} distinct ids.");
            Assert.Equal(0, groupState.CustomMetrics["baseReads"]);
            prefetched += groupState.CustomMetrics["prefetchReads"];
            if (dedupState.CustomMetrics["keysInMemory"] < dedupState.NumRowsTotal) dedupSpilled++;
            if (groupState.CustomMetrics["keysInMemory"] < groupState.NumRowsTotal) groupsSpilled++;
            evicted += dedupState.NumRowsRemoved;
        }

        // The data exercises what the test claims: both states spill, the group keys are read back, the watermark evicts.
        Assert.True(dedupSpilled >= 3 && groupsSpilled >= 3, $"the states spilled in {dedupSpilled} and {groupsSpilled} batches");
        Assert.True(prefetched > 1_000, $"only {prefetched} group keys were prefetched");
        Assert.True(evicted > 1_000, $"the watermark evicted only {evicted} keys");
    }

    [Fact]
    public async Task Spilled_update_state_by_key_writes_and_removes_every_stored_key_without_reading_it_again()
    {
        // Every stored sensor is called each batch (with its readings, or none, when its score decays and finally goes):
        // the keys with readings are prefetched, and the visit of the others writes or removes them as live.
        var random = new Random(43);
        var start = new DateTime(2026, 12, 4, 10, 0, 0, DateTimeKind.Utc);
        // About 100 bytes a key in the table: 12,000 sensors are more than twice the half of the 1 MiB budget.
        var readings = Enumerable.Range(0, 20_000)
            .Select(i => new Reading(start.AddMilliseconds(i), "s" + random.Next(i < 10_000 ? 12_000 : 3_000), random.Next(0, 1_000)))
            .ToList();
        var source = Source.Memory<Reading>("readings", maxRowsPerTrigger: 2_500);
        var run = await RestartedRun.RunAsync<Reading, KeyState<string, long>>(SensorScores.Start, source, InputData.Chunks(readings, 43, 5_000), _dir.Combine("checkpoint"));
        var reference = new UpdateStateByKeyReference<Reading, string, long?>(r => r.Sensor, KeyedFunctions.Decay, complete: false);
        GroupStateRestartTests.Compare(run, readings, "UpdateStateByKey",
            rows => reference.Batch(rows).Select(e => new KeyState<string, long>(e.Key, e.State!.Value)).ToList(), () => reference.StateKeys);

        long prefetched = 0, spilled = 0;
        foreach (var progress in run.Recorder.Progress)
        {
            var state = progress.StateOperators.Single();
            Assert.Equal(0, state.CustomMetrics["baseReads"]);
            prefetched += state.CustomMetrics["prefetchReads"];
            if (state.CustomMetrics["keysInMemory"] < state.NumRowsTotal) spilled++;
        }

        Assert.True(spilled >= 3, $"the state spilled in {spilled} batches");
        Assert.True(prefetched > 1_000, $"only {prefetched} keys were prefetched");
        Assert.True(reference.Removed > 1_000, $"only {reference.Removed} sensors decayed away");
    }

    /// <summary>
    /// Deliveries three a millisecond over 15 s, so some 30,000 ids are live within the deduplication's forget time; one in
    /// ten is a redelivery of a recent id; sensors drawn from 20,000, so the running totals spill too.
    /// </summary>
    private static List<Delivery> Deliveries(int count, int seed)
    {
        var random = new Random(seed);
        var start = new DateTime(2026, 12, 4, 10, 0, 0, DateTimeKind.Utc);
        var rows = new List<Delivery>(count);
        for (int i = 0; i < count; i++)
        {
            if (i > 100 && random.Next(10) == 0)
            {
                rows.Add(rows[i - 1 - random.Next(100)]);
                continue;
            }

            rows.Add(new Delivery(i, start.AddMilliseconds(i / 3), "s" + random.Next(20_000), random.Next(-50, 100)));
        }

        return rows;
    }
}
