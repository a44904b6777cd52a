using Compiled.Sinks;
using Compiled.Sources;
using Compiled.Tests.TestSupport;

namespace Compiled.Tests.Engine;

public sealed class TriggerTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ManualClock _clock = new(0);

    public void Dispose() => _dir.Dispose();

    private QueryOptions Options(Trigger trigger) => new()
    {
        CheckpointLocation = _dir.Combine("chk"),
        Clock = _clock,
        Trigger = trigger,
        StateStore = StateStoreKind.InMemory,
    };

    [Fact]
    public async Task Default_trigger_waits_for_data_on_the_clock_with_a_doubling_capped_backoff()
    {
        var source = new ProbeSource<int>(Source.Memory<int>());
        await using var query = StreamingQuery.Start(new MapPlan(), [source], Sink.Memory<string>(), Options(Trigger.Default));

        // Each idle poll waits on the clock: without the clock moving, the sources are not asked again.
        long now = 0;
        foreach (long delay in new long[] { 10, 20, 40, 80, 100, 100 })
        {
            await _clock.WaitForDelayAsync(now + delay);
            int calls = source.LatestOffsetCalls;
            _clock.Advance(TimeSpan.FromMilliseconds(delay));
            now += delay;
            await _clock.WaitForDelayAsync(null);
            Assert.Equal(calls + 1, source.LatestOffsetCalls);
        }
        Assert.Equal(7, source.LatestOffsetCalls);
        Assert.Equal("Waiting for data to arrive", query.Status.Message);
    }

    [Fact]
    public async Task Default_trigger_runs_the_next_batch_as_soon_as_data_arrives_and_resets_the_backoff()
    {
        var memory = Source.Memory<int>(maxRowsPerTrigger: 2);
        var sink = Sink.Memory<string>();
        await using var query = StreamingQuery.Start(new MapPlan(), [memory], sink, Options(Trigger.Default));
        await _clock.WaitForDelayAsync(10);
        _clock.AdvanceTo(10);
        await _clock.WaitForDelayAsync(30);

        memory.AddData(1, 2, 3, 4, 5);
        await query.ProcessAllAvailableAsync().Bounded();

        // Three batches back to back without the clock moving, then idle polling restarts at 10 ms.
        Assert.Equal([[1, 2], [3, 4], [5]], sink.Batches.Select(b => b.Rows.Select(r => int.Parse(r[1..])).ToArray()));
        await _clock.WaitForDelayAsync(20);
        Assert.Equal(10, _clock.UtcNowMs);
    }

    [Fact]
    public async Task Processing_time_batch_that_ends_early_waits_for_the_next_interval_boundary()
    {
        var memory = Source.Memory<int>();
        var sink = Sink.Memory<string>();
        memory.AddData(1);
        await using var query = StreamingQuery.Start(new MapPlan(), [memory], sink, Options(Trigger.ProcessingTime(TimeSpan.FromSeconds(1))));
        await _clock.WaitForDelayAsync(1000);
        Assert.Single(sink.Batches);

        memory.AddData(2);
        _clock.AdvanceTo(999);
        Assert.Equal([1000L], _clock.PendingDelays);
        Assert.Single(sink.Batches);

        _clock.AdvanceTo(1000);
        await _clock.WaitForDelayAsync(2000);
        Assert.Equal(2, sink.Batches.Count);
        Assert.Equal([0L, 1000L], query.RecentProgress.Select(p => p.Timestamp.ToUnixTimeMilliseconds()));
        Assert.Equal("Waiting for next trigger", query.Status.Message);
    }

    [Fact]
    public async Task Processing_time_batch_that_runs_late_is_followed_at_once()
    {
        var memory = Source.Memory<int>(maxRowsPerTrigger: 1);
        // Each batch takes 1.5 intervals of clock time.
        var sink = new ProbeSink<string>(Sink.Memory<string>()) { BeforeAddBatch = _ => _clock.Advance(TimeSpan.FromMilliseconds(1500)) };
        memory.AddData(1, 2);
        await using var query = StreamingQuery.Start(new MapPlan(), [memory], sink, Options(Trigger.ProcessingTime(TimeSpan.FromSeconds(1))));

        // Batch 0 at 0 ends at 1500, past the 1000 boundary: batch 1 starts at 1500 with no wait, ends at 3000;
        // the trigger at 3000 finds nothing and waits for the boundary at 4000.
        await _clock.WaitForDelayAsync(4000);
        Assert.Equal([0L, 1500L], query.RecentProgress.Select(p => p.Timestamp.ToUnixTimeMilliseconds()));
    }

    [Fact]
    public async Task Processing_time_runs_no_batch_without_new_data()
    {
        var source = new ProbeSource<int>(Source.Memory<int>());
        var sink = Sink.Memory<string>();
        await using var query = StreamingQuery.Start(new MapPlan(), [source], sink, Options(Trigger.ProcessingTime(TimeSpan.FromMilliseconds(500))));
        await _clock.WaitForDelayAsync(500);
        _clock.AdvanceTo(500);
        await _clock.WaitForDelayAsync(1000);
        _clock.AdvanceTo(1000);
        await _clock.WaitForDelayAsync(1500);

        Assert.Equal(3, source.LatestOffsetCalls);
        Assert.Empty(sink.Batches);
        Assert.Null(query.LastProgress);
        Assert.Empty(Directory.GetFiles(_dir.Combine("chk", "offsets")));
    }

    [Fact]
    public async Task Available_now_processes_what_is_present_at_start_in_bounded_batches_then_stops()
    {
        var memory = Source.Memory<int>(maxRowsPerTrigger: 2);
        var source = new ProbeSource<int>(memory);
        var sink = Sink.Memory<string>();
        memory.AddData(1, 2, 3, 4, 5);
        // Rows added after the start are not part of this run.
        var listener = new RecordingListener { OnProgress = p => { if (p.BatchId == 0) memory.AddData(6); } };
        var query = StreamingQuery.Start(new MapPlan(), [source], sink, Options(Trigger.AvailableNow) with { Listeners = [listener] });
        await query.AwaitTerminationAsync().Bounded();

        Assert.Equal(1, source.PrepareCalls);
        Assert.Equal([[1, 2], [3, 4], [5]], sink.Batches.Select(b => b.Rows.Select(r => int.Parse(r[1..])).ToArray()));
        Assert.False(query.IsActive);
        Assert.Null(query.Exception);
    }

    [Fact]
    public async Task Available_now_without_data_stops_without_a_batch()
    {
        var sink = Sink.Memory<string>();
        var query = StreamingQuery.Start(new MapPlan(), [Source.Memory<int>()], sink, Options(Trigger.AvailableNow));
        await query.AwaitTerminationAsync().Bounded();
        Assert.Empty(sink.Batches);
    }

    [Fact]
    public async Task Once_processes_everything_in_one_batch_ignoring_per_trigger_limits_then_stops()
    {
        var memory = Source.Memory<int>(maxRowsPerTrigger: 2);
        var source = new ProbeSource<int>(memory);
        var sink = Sink.Memory<string>();
        memory.AddData(1, 2, 3, 4, 5);
        var query = StreamingQuery.Start(new MapPlan(), [source], sink, Options(Trigger.Once));
        await query.AwaitTerminationAsync().Bounded();

        Assert.Equal(1, source.PrepareCalls);
        Assert.Equal(["v1", "v2", "v3", "v4", "v5"], sink.Batches.Single().Rows);
    }
}
