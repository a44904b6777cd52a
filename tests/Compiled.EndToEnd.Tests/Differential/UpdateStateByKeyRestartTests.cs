using Compiled.EndToEnd.Tests.Queries;
using Compiled.EndToEnd.Tests.Support;
using Compiled.Testing.KeyedState;

namespace Compiled.EndToEnd.Tests.Differential;

/// <summary>
/// The generated UpdateStateByKey through the real engine over FASTER state, with batch boundaries the engine chooses and
/// a stop and restart halfway: every batch's output and the state size must be what
/// <see cref="UpdateStateByKeyReference{TRow, TKey, TOption}"/> (DStream's rule, spark-semantics §8) says. Also keys
/// that may be null in a deduplication and in keyed state, whose store layout (a presence flag) must survive the restart.
/// </summary>
public sealed class UpdateStateByKeyRestartTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(41)]
    [InlineData(42)]
    public async Task Decaying_scores_match_the_reference_across_a_restart(int seed)
    {
        var readings = GroupStateRestartTests.Readings(200, seed);
        var source = Source.Memory<Reading>("readings", maxRowsPerTrigger: 1 + seed % 3);
        var run = await RestartedRun.RunAsync<Reading, KeyState<string, long>>(SensorScores.Start, source, InputData.Chunks(readings, seed, 40), _dir.Combine("checkpoint"));
        var reference = new UpdateStateByKeyReference<Reading, string, long?>(r => r.Sensor, KeyedFunctions.Decay, complete: false);

        GroupStateRestartTests.Compare(run, readings, "UpdateStateByKey",
            rows => reference.Batch(rows).Select(e => new KeyState<string, long>(e.Key, e.State!.Value)).ToList(), () => reference.StateKeys);
        Assert.True(reference.CallsWithoutRows > 10, "sensors without readings in a batch should be called");
        Assert.True(reference.Removed > 0, "a sensor should decay away");
        Assert.True(run.FirstOfSecondRun > 0, "the query should restart after some batches");
    }

    [Theory]
    [InlineData(43)]
    [InlineData(44)]
    public async Task Null_keys_in_dedup_and_keyed_state_survive_a_restart(int seed)
    {
        var readings = GroupStateRestartTests.Readings(200, seed);
        var source = Source.Memory<Reading>("readings", maxRowsPerTrigger: 5 + seed % 7);
        var run = await RestartedRun.RunAsync<Reading, SensorCount>(UnknownSensorTotals.Start, source, InputData.Chunks(readings, seed, 40), _dir.Combine("checkpoint"));
        var dedup = new DedupReference<Reading, int?>(r => r.Value > 80 ? null : r.Value * 100 + r.Time.Second, null, 0, DedupForget.Never);
        var totals = new GroupStateReference<Reading, string?, SensorCount, SensorCount>(r => r.Sensor == "a" ? null : r.Sensor,
            (sensor, rows, state) => [KeyedFunctions.Total(sensor, rows, state)], GroupStateTimeout.NoTimeout);

        GroupStateRestartTests.Compare(run, readings, "MapGroupsWithState", rows => totals.Batch(dedup.Batch(rows), 0), () => totals.StateKeys);
        Assert.Contains(run.Emitted.Values.SelectMany(b => b), r => r.Sensor == "?");
        Assert.True(readings.Count(r => r.Value > 80) > 1, "several readings should share the null deduplication key");
    }
}
