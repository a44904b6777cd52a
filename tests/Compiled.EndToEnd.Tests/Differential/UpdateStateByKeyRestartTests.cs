using Compiled.EndToEnd.Tests.Queries;
using Compiled.EndToEnd.Tests.Support;
using Compiled.Testing.KeyedState;

namespace Compiled.EndToEnd.Tests.Differential;

/// <summary>
/// The generated UpdateStateByKey through the real engine over FASTER state, with batch boundaries the engine chooses and
/// a stop and restart halfway: every batch's output and the state size must be what
/// <see cref="UpdateStateByKeyReference{TRow, TKey, TOption}"/> (DStream's rule, spark-semantics §8) says.
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
}
