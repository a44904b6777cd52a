using Compiled.EndToEnd.Tests.Queries;
using Compiled.EndToEnd.Tests.Support;

namespace Compiled.EndToEnd.Tests.Differential;

/// <summary>
/// UpdateStateByKey under the engine's triggers: with a processing-time trigger (a DStream's batch interval) every interval
/// calls every key in state even when no rows arrive, so a decaying score runs down to removal while the input is idle, and
/// nothing runs once no key has state; the default trigger runs no batch without rows.
/// </summary>
public sealed class UpdateStateByKeyTriggerTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Idle_processing_time_intervals_call_every_key_until_its_state_is_gone()
    {
        var source = Source.Memory<Reading>("readings");
        var sink = new Batches();
        await using var query = SensorScores.Start(source, sink.Sink, new QueryOptions
        {
            CheckpointLocation = _dir.Combine("checkpoint"),
            Trigger = Trigger.ProcessingTime(Interval),
        });
        source.AddData(new Reading(DateTime.UnixEpoch, "s", 63));

        // KeyedFunctions.Decay: 63 + 1 = 64, then a quarter per idle interval (16, 4, 1) and removal when it reaches 0.
        var removed = await Eventually(() => query.LastProgress is { } p && p.StateOperators[0].NumRowsTotal == 0 && sink.Count >= 4);
        Assert.True(removed, $"the score should decay away in idle intervals; batches: {sink}");
        Assert.Equal([64L, 16, 4, 1], sink.Rows.Select(r => r.State));
        Assert.All(sink.Rows, r => Assert.Equal("s", r.Key));
        long lastBatch = query.LastProgress!.BatchId;
        Assert.Equal(4, lastBatch);   // the data batch, three idle batches writing 16, 4, 1, and the one that removed the key

        // No key has state: ten more intervals run nothing.
        await Task.Delay(Interval * 10);
        Assert.Equal(lastBatch, query.LastProgress!.BatchId);
    }

    [Fact]
    public async Task The_default_trigger_runs_no_batch_without_rows()
    {
        var source = Source.Memory<Reading>("readings");
        var sink = new Batches();
        await using var query = SensorScores.Start(source, sink.Sink, new QueryOptions { CheckpointLocation = _dir.Combine("checkpoint") });
        source.AddData(new Reading(DateTime.UnixEpoch, "s", 63));
        await query.ProcessAllAvailableAsync().Within();
        await Task.Delay(Interval * 10);
        Assert.Equal(0, query.LastProgress!.BatchId);
        Assert.Equal([64L], sink.Rows.Select(r => r.State));
    }

    private static async Task<bool> Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) return false;
            await Task.Delay(Interval);
        }
        return true;
    }

    /// <summary>What a foreachBatch sink received, batch by batch (Update mode: the keys each batch changed).</summary>
    private sealed class Batches
    {
        private readonly List<(long BatchId, KeyState<string, long>[] Rows)> _batches = [];

        public Batches() => Sink = Compiled.Sink.ForeachBatch<KeyState<string, long>>((rows, batchId) =>
        {
            lock (_batches) _batches.Add((batchId, rows.ToArray()));
        });

        public Compiled.Sinks.ISink<KeyState<string, long>> Sink { get; }

        public int Count
        {
            get { lock (_batches) return _batches.Count; }
        }

        public List<KeyState<string, long>> Rows
        {
            get { lock (_batches) return _batches.SelectMany(b => b.Rows).ToList(); }
        }

        public override string ToString()
        {
            lock (_batches) return string.Join("; ", _batches.Select(b => b.BatchId + ": [" + string.Join(", ", b.Rows.Select(r => r.State)) + "]"));
        }
    }
}
