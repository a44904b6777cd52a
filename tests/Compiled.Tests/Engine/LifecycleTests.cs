using Compiled.Sinks;
using Compiled.Sources;
using Compiled.Tests.TestSupport;

namespace Compiled.Tests.Engine;

public sealed class LifecycleTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ManualClock _clock = new(1_000);

    public void Dispose() => _dir.Dispose();

    private QueryOptions Options(string? checkpoint = "chk") => new()
    {
        CheckpointLocation = checkpoint is null ? null : _dir.Combine(checkpoint),
        Clock = _clock,
        StateStore = StateStoreKind.InMemory,
    };

    [Fact]
    public async Task Processes_available_data_then_stops_and_disposes_sources_and_sink()
    {
        var memory = Source.Memory<int>();
        var source = new ProbeSource<int>(memory);
        var memorySink = Sink.Memory<string>();
        var sink = new ProbeSink<string>(memorySink);
        var query = StreamingQuery.Start(new MapPlan(), [source], sink, Options());
        Assert.True(query.IsActive);
        Assert.Equal("MapQuery", query.Name);

        memory.AddData(1, 2, 3);
        await query.ProcessAllAvailableAsync().Bounded();
        Assert.Equal(["v1", "v2", "v3"], memorySink.Rows);
        Assert.Equal(0, query.LastProgress!.BatchId);
        Assert.Equal("Waiting for data to arrive", query.Status.Message);
        Assert.False(query.Status.IsTriggerActive);

        await query.StopAsync().Bounded();
        Assert.False(query.IsActive);
        Assert.Null(query.Exception);
        Assert.Equal("Stopped", query.Status.Message);
        Assert.True(source.Disposed);
        Assert.True(sink.Disposed);
        Assert.Equal(_dir.Combine("chk", "sources", "0"), source.Context!.CheckpointDirectory);
        Assert.Equal(_dir.Combine("chk", "sink"), sink.Context!.CheckpointDirectory);
        Assert.Equal(query.Id, sink.Context.QueryId);
        await query.AwaitTerminationAsync().Bounded();
    }

    [Fact]
    public async Task Id_survives_restarts_and_run_id_does_not()
    {
        var source = Source.Memory<int>();
        var first = StreamingQuery.Start(new MapPlan(), [source], Sink.Memory<string>(), Options());
        await first.StopAsync().Bounded();
        var second = StreamingQuery.Start(new MapPlan(), [source], Sink.Memory<string>(), Options());
        await second.StopAsync().Bounded();
        var other = StreamingQuery.Start(new MapPlan(), [source], Sink.Memory<string>(), Options("other"));
        await other.StopAsync().Bounded();

        Assert.Equal(first.Id, second.Id);
        Assert.NotEqual(first.RunId, second.RunId);
        Assert.NotEqual(first.Id, other.Id);
    }

    [Fact]
    public async Task Without_a_checkpoint_location_a_temporary_directory_is_used_and_deleted_on_stop()
    {
        var source = Source.Memory<int>();
        source.AddData(7);
        var sink = Sink.Memory<string>();
        var query = StreamingQuery.Start(new MapPlan(), [source], sink, Options(checkpoint: null));
        string location = query.CheckpointLocation;
        await query.ProcessAllAvailableAsync().Bounded();
        Assert.True(File.Exists(Path.Combine(location, "commits", "0")));

        await query.DisposeAsync();
        Assert.False(query.IsActive);
        Assert.False(Directory.Exists(location));
        Assert.Equal(["v7"], sink.Rows);
    }

    [Fact]
    public void Sink_that_does_not_support_the_output_mode_is_refused_naming_query_sink_and_mode()
    {
        var plan = new MapPlan(mode: OutputMode.Update);
        var e = Assert.Throws<InvalidOperationException>(() =>
            StreamingQuery.Start(plan, [Source.Memory<int>()], Sink.Memory<string>("out"), Options()));
        Assert.Contains("'MapQuery'", e.Message);
        Assert.Contains("MemorySink<String>[out]", e.Message);
        Assert.Contains("Update", e.Message);
        Assert.False(Directory.Exists(_dir.Combine("chk")));
    }

    [Fact]
    public void Wrong_number_of_sources_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            StreamingQuery.Start(new MapPlan(), [Source.Memory<int>(), Source.Memory<int>()], Sink.Memory<string>(), Options()));
        Assert.Contains("1 input(s) (numbers) but 2 source(s)", e.Message);
    }

    [Fact]
    public async Task Plan_failure_terminates_the_query_with_an_exception_naming_query_batch_and_cause()
    {
        var source = Source.Memory<int>();
        var plan = new MapPlan { FailOn = id => id == 1 ? new InvalidDataException("boom") : null };
        var listener = new RecordingListener();
        var query = StreamingQuery.Start(plan, [source], Sink.Memory<string>(), Options() with { Listeners = [listener] });
        source.AddData(1);
        await query.ProcessAllAvailableAsync().Bounded();
        source.AddData(2);

        var failure = await Assert.ThrowsAsync<StreamingQueryException>(() => query.ProcessAllAvailableAsync().Bounded());
        Assert.Equal("MapQuery", failure.QueryName);
        Assert.Equal(1, failure.BatchId);
        Assert.IsType<InvalidDataException>(failure.InnerException);
        Assert.Equal("Query 'MapQuery' failed in batch 1: InvalidDataException: boom", failure.Message);

        var awaited = await Assert.ThrowsAsync<StreamingQueryException>(() => query.AwaitTerminationAsync().Bounded());
        Assert.Same(failure, awaited);
        Assert.Same(failure, query.Exception);
        Assert.False(query.IsActive);
        Assert.Same(failure, listener.Events.OfType<QueryTerminatedEvent>().Single().Exception);
        // Batch 0 is committed; batch 1 failed in memory, before anything of it was logged: a restart plans it again.
        Assert.True(File.Exists(_dir.Combine("chk", "commits", "0")));
        Assert.False(File.Exists(_dir.Combine("chk", "offsets", "1")));
        Assert.False(File.Exists(_dir.Combine("chk", "commits", "1")));
        await query.StopAsync().Bounded();
    }

    [Fact]
    public async Task Stop_during_a_batch_finishes_it_and_leaves_no_half_written_entry()
    {
        var source = Source.Memory<int>();
        var inside = new SemaphoreSlim(0);
        var release = new ManualResetEventSlim();
        var sink = new ProbeSink<string>(Sink.Memory<string>())
        {
            BeforeAddBatch = _ =>
            {
                inside.Release();
                release.Wait(TestTimeout.Default);
            },
        };
        source.AddData(1, 2);
        var query = StreamingQuery.Start(new MapPlan(), [source], sink, Options());
        await inside.WaitAsync().Bounded();

        Task stopping = query.StopAsync();
        source.AddData(3);
        Assert.False(stopping.IsCompleted);
        release.Set();
        await stopping.Bounded();

        Assert.True(File.Exists(_dir.Combine("chk", "offsets", "0")));
        Assert.True(File.Exists(_dir.Combine("chk", "commits", "0")));
        Assert.False(File.Exists(_dir.Combine("chk", "offsets", "1")));
        Assert.Empty(Directory.GetFiles(_dir.Combine("chk", "offsets"), ".tmp-*"));
        Assert.Null(query.Exception);
    }

    [Fact]
    public async Task Stop_while_planning_abandons_the_batch_before_anything_is_logged()
    {
        var memory = Source.Memory<int>();
        var entered = new SemaphoreSlim(0);
        var release = new ManualResetEventSlim();
        var source = new ProbeSource<int>(memory)
        {
            OnLatestOffset = () =>
            {
                entered.Release();
                release.Wait(TestTimeout.Default);
            },
        };
        memory.AddData(1);
        var query = StreamingQuery.Start(new MapPlan(), [source], Sink.Memory<string>(), Options());
        await entered.WaitAsync().Bounded();
        Task stopping = query.StopAsync();
        release.Set();
        await stopping.Bounded();

        Assert.Empty(Directory.GetFiles(_dir.Combine("chk", "offsets")));
        Assert.Null(query.LastProgress);
    }

    [Fact]
    public async Task A_listener_may_stop_its_own_query_without_deadlock()
    {
        var source = Source.Memory<int>();
        StreamingQuery? query = null;
        var listener = new RecordingListener { OnProgress = _ => query!.StopAsync().Wait(TestTimeout.Default) };
        query = StreamingQuery.Start(new MapPlan(), [source], Sink.Memory<string>(), Options() with { Listeners = [listener] });
        source.AddData(1);
        _ = query.ProcessAllAvailableAsync();
        await query.AwaitTerminationAsync().Bounded();
        Assert.Single(listener.Progress);
    }

    [Fact]
    public async Task Runs_on_the_system_clock_when_none_is_given()
    {
        var source = Source.Memory<int>();
        var sink = Sink.Memory<string>();
        await using var query = StreamingQuery.Start(new MapPlan(), [source], sink, new QueryOptions { StateStore = StateStoreKind.InMemory });
        source.AddData(4);
        await query.ProcessAllAvailableAsync().Bounded();
        Assert.Equal(["v4"], sink.Rows);
        Assert.InRange(query.LastProgress!.Timestamp, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddSeconds(1));
    }
}
