using Compiled.Checkpointing;
using Compiled.Sinks;
using Compiled.Sources;
using Compiled.Tests.TestSupport;

namespace Compiled.Tests.Checkpointing;

public sealed class RecoveryTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ManualClock _clock = new(5_000);

    public void Dispose() => _dir.Dispose();

    private string Chk(params string[] parts) => _dir.Combine(["chk", .. parts]);

    private QueryOptions Options(Trigger? trigger = null) => new()
    {
        CheckpointLocation = Chk(),
        Clock = _clock,
        Trigger = trigger ?? Trigger.Default,
        StateStore = StateStoreKind.InMemory,
    };

    [Fact]
    public async Task An_uncommitted_batch_is_re_run_with_the_same_ranges_timestamp_and_batch_id()
    {
        var source = Source.Memory<int>();
        var memorySink = Sink.Memory<string>();
        bool failed = false;
        var flaky = new ProbeSink<string>(memorySink)
        {
            BeforeAddBatch = id =>
            {
                if (id == 1 && !failed)
                {
                    failed = true;
                    throw new IOException("disk full (test)");
                }
            },
        };
        var firstPlan = new MapPlan();
        var first = StreamingQuery.Start(firstPlan, [source], flaky, Options());
        source.AddData(1, 2);
        await first.ProcessAllAvailableAsync().Bounded();
        _clock.Advance(TimeSpan.FromSeconds(1));
        source.AddData(3, 4);
        var failure = await Assert.ThrowsAsync<StreamingQueryException>(() => first.ProcessAllAvailableAsync().Bounded());
        Assert.Equal(1, failure.BatchId);
        byte[] loggedBatch1 = File.ReadAllBytes(Chk("offsets", "1"));
        Assert.False(File.Exists(Chk("commits", "1")));

        // More data arrives while the query is down, and time moves on.
        source.AddData(5, 6);
        _clock.Advance(TimeSpan.FromMinutes(1));
        var secondPlan = new MapPlan();
        var second = StreamingQuery.Start(secondPlan, [source], flaky, Options());
        await second.ProcessAllAvailableAsync().Bounded();
        await second.StopAsync().Bounded();

        Assert.Equal(first.Id, second.Id);
        var replay = secondPlan.Executed[0];
        Assert.Equal(1, replay.BatchId);
        Assert.Equal([3, 4], replay.Rows);
        Assert.Equal(firstPlan.Executed[1].TimestampMs, replay.TimestampMs);
        Assert.Equal(6_000, replay.TimestampMs);
        Assert.Equal(2, secondPlan.Executed[1].BatchId);
        Assert.Equal([5, 6], secondPlan.Executed[1].Rows);
        Assert.Equal([0L, 1L, 1L, 2L], flaky.BatchIdsSeen);
        Assert.Equal(["v1", "v2", "v3", "v4", "v5", "v6"], memorySink.Rows);
        Assert.Equal(loggedBatch1, File.ReadAllBytes(Chk("offsets", "1")));
    }

    [Fact]
    public async Task A_committed_batch_is_not_re_run_and_batch_ids_continue()
    {
        var source = Source.Memory<int>();
        var sink = new ProbeSink<string>(Sink.Memory<string>());
        var first = StreamingQuery.Start(new MapPlan(), [source], sink, Options());
        source.AddData(1);
        await first.ProcessAllAvailableAsync().Bounded();
        await first.StopAsync().Bounded();

        var plan = new MapPlan();
        var second = StreamingQuery.Start(plan, [source], sink, Options());
        source.AddData(2);
        await second.ProcessAllAvailableAsync().Bounded();
        await second.StopAsync().Bounded();

        Assert.Equal([0L, 1L], sink.BatchIdsSeen);
        Assert.Equal(1, plan.Executed.Single().BatchId);
        Assert.Equal([2], plan.Executed.Single().Rows);
    }

    [Fact]
    public async Task Once_after_a_failure_only_re_runs_the_uncommitted_batch()
    {
        var source = Source.Memory<int>();
        // The sink fails: batch 0 is logged in offsets/0 by then, so the restart must run exactly its range again.
        var failing = new ProbeSink<string>(Sink.Memory<string>()) { BeforeAddBatch = _ => throw new IOException("sink down") };
        source.AddData(1);
        var first = StreamingQuery.Start(new MapPlan(), [source], failing, Options(Trigger.Once));
        await Assert.ThrowsAsync<StreamingQueryException>(() => first.AwaitTerminationAsync().Bounded());
        Assert.True(File.Exists(_dir.Combine("chk", "offsets", "0")));

        source.AddData(2);
        var replayPlan = new MapPlan();
        var second = StreamingQuery.Start(replayPlan, [source], Sink.Memory<string>(), Options(Trigger.Once));
        await second.AwaitTerminationAsync().Bounded();
        Assert.Equal(0, replayPlan.Executed.Single().BatchId);
        Assert.Equal([1], replayPlan.Executed.Single().Rows);
    }

    [Fact]
    public async Task A_plan_failure_logs_nothing_and_the_restart_plans_the_batch_again()
    {
        var source = Source.Memory<int>();
        var plan = new MapPlan { FailOn = id => id == 0 ? new InvalidOperationException("first run fails") : null };
        source.AddData(1);
        var first = StreamingQuery.Start(plan, [source], Sink.Memory<string>(), Options(Trigger.Once));
        await Assert.ThrowsAsync<StreamingQueryException>(() => first.AwaitTerminationAsync().Bounded());
        // The batch ran in memory only: nothing of it reached the sink, so nothing of it is logged.
        Assert.False(File.Exists(_dir.Combine("chk", "offsets", "0")));

        source.AddData(2);
        var replayPlan = new MapPlan();
        var sink = new ProbeSink<string>(Sink.Memory<string>());
        var second = StreamingQuery.Start(replayPlan, [source], sink, Options(Trigger.Once));
        await second.AwaitTerminationAsync().Bounded();
        Assert.Equal(0, replayPlan.Executed.Single().BatchId);
        Assert.Equal([1, 2], replayPlan.Executed.Single().Rows);
        Assert.Equal([0L], sink.BatchIdsSeen);
    }

    [Fact]
    public async Task The_watermark_is_persisted_in_the_logs_and_restored()
    {
        var source = Source.Memory<int>();
        var first = StreamingQuery.Start(new MapPlan(reportEventTime: true), [source], Sink.Memory<string>(), Options());
        source.AddData(100, 300, 200);
        await first.ProcessAllAvailableAsync().Bounded();
        source.AddData(50);
        await first.ProcessAllAvailableAsync().Bounded();
        await first.StopAsync().Bounded();

        Assert.Contains("\"batchWatermarkMs\": -9223372036854775808", File.ReadAllText(Chk("offsets", "0")));
        Assert.Contains("\"batchWatermarkMs\": 300", File.ReadAllText(Chk("offsets", "1")));
        Assert.Contains("\"nextBatchWatermarkMs\": 300", File.ReadAllText(Chk("commits", "1")));
        Assert.Equal("1970-01-01T00:00:00.300Z", first.LastProgress!.EventTime["watermark"]);
        Assert.Equal("1970-01-01T00:00:00.050Z", first.LastProgress.EventTime["max"]);

        var plan = new MapPlan(reportEventTime: true);
        var second = StreamingQuery.Start(plan, [source], Sink.Memory<string>(), Options());
        source.AddData(400);
        await second.ProcessAllAvailableAsync().Bounded();
        await second.StopAsync().Bounded();
        Assert.Equal(300, plan.Executed.Single().WatermarkMs);
    }

    [Fact]
    public async Task A_checkpoint_of_another_query_name_is_refused()
    {
        var first = StreamingQuery.Start(new MapPlan("Orders"), [Source.Memory<int>()], Sink.Memory<string>(), Options());
        await first.StopAsync().Bounded();
        var e = Assert.Throws<CheckpointException>(() =>
            StreamingQuery.Start(new MapPlan("Payments"), [Source.Memory<int>()], Sink.Memory<string>(), Options()));
        Assert.Contains("belongs to query 'Orders', not to query 'Payments'", e.Message);
        Assert.Equal(Chk("metadata"), e.Path);
    }

    [Fact]
    public async Task A_checkpoint_in_use_by_a_running_query_is_refused_until_that_query_stops()
    {
        var first = StreamingQuery.Start(new MapPlan(), [Source.Memory<int>()], Sink.Memory<string>(), Options());
        var e = Assert.Throws<CheckpointException>(() =>
            StreamingQuery.Start(new MapPlan(), [Source.Memory<int>()], Sink.Memory<string>(), Options()));
        Assert.Contains($"checkpoint '{Chk()}' is in use by another run", e.Message);
        Assert.Equal(Chk("lock"), e.Path);

        await first.StopAsync().Bounded();
        var second = StreamingQuery.Start(new MapPlan(), [Source.Memory<int>()], Sink.Memory<string>(), Options());
        await second.StopAsync().Bounded();
        Assert.Equal(first.Id, second.Id);
    }

    [Fact]
    public async Task A_checkpoint_of_another_plan_fingerprint_is_refused()
    {
        var first = StreamingQuery.Start(new MapPlan(fingerprint: "aaa"), [Source.Memory<int>()], Sink.Memory<string>(), Options());
        await first.StopAsync().Bounded();
        var e = Assert.Throws<CheckpointException>(() =>
            StreamingQuery.Start(new MapPlan(fingerprint: "bbb"), [Source.Memory<int>()], Sink.Memory<string>(), Options()));
        Assert.Contains("fingerprint 'aaa'", e.Message);
        Assert.Contains("fingerprint 'bbb'", e.Message);
        Assert.Contains("'MapQuery'", e.Message);
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("garbage")]
    [InlineData("empty")]
    [InlineData("missing field")]
    [InlineData("wrong batch")]
    public async Task A_damaged_offsets_entry_is_refused_naming_the_file(string damage)
    {
        var source = Source.Memory<int>();
        var first = StreamingQuery.Start(new MapPlan(), [source], Sink.Memory<string>(), Options());
        source.AddData(1);
        await first.ProcessAllAvailableAsync().Bounded();
        source.AddData(2);
        await first.ProcessAllAvailableAsync().Bounded();
        await first.StopAsync().Bounded();

        string path = Chk("offsets", "1");
        string text = File.ReadAllText(path);
        File.WriteAllText(path, damage switch
        {
            "truncated" => text[..(text.Length / 2)],
            "garbage" => "\u0001\u0002not json",
            "empty" => "",
            "missing field" => text.Replace("\"batchTimestampMs\"", "\"somethingElse\""),
            _ => text.Replace("\"batchId\": 1", "\"batchId\": 7"),
        });

        var e = Assert.Throws<CheckpointException>(() =>
            StreamingQuery.Start(new MapPlan(), [source], Sink.Memory<string>(), Options()));
        Assert.Equal(path, e.Path);
        Assert.Contains($"'{path}'", e.Message);
        Assert.Contains("'MapQuery'", e.Message);
        Assert.DoesNotContain("System.Text.Json", e.Message);
        Assert.DoesNotContain("Path: $", e.Message);
    }

    [Fact]
    public async Task A_commit_log_that_does_not_match_the_offsets_log_is_refused()
    {
        var source = Source.Memory<int>();
        var first = StreamingQuery.Start(new MapPlan(), [source], Sink.Memory<string>(), Options());
        for (int i = 0; i < 3; i++)
        {
            source.AddData(i);
            await first.ProcessAllAvailableAsync().Bounded();
        }
        await first.StopAsync().Bounded();
        File.Delete(Chk("commits", "2"));
        File.Delete(Chk("commits", "1"));

        var e = Assert.Throws<CheckpointException>(() =>
            StreamingQuery.Start(new MapPlan(), [source], Sink.Memory<string>(), Options()));
        Assert.Contains("offsets up to batch 2 but commits up to batch 0", e.Message);
    }

    [Fact]
    public async Task A_changed_state_schema_is_refused_naming_the_operator()
    {
        var first = StreamingQuery.Start(new KeyedCountPlan(), [Source.Memory<string>()], Sink.Memory<(string, long)>(), Options());
        await first.StopAsync().Bounded();
        Assert.Contains("\"schemaFingerprint\": \"string->long\"", File.ReadAllText(Chk("state", KeyedCountPlan.OperatorId, "_metadata")));

        var e = Assert.Throws<CheckpointException>(() =>
            StreamingQuery.Start(new KeyedCountPlan(schemaFingerprint: "string->int"), [Source.Memory<string>()], Sink.Memory<(string, long)>(), Options()));
        Assert.Contains("operator 'aggregate0' (Aggregate(count by word))", e.Message);
        Assert.Contains("'string->long'", e.Message);
        Assert.Contains("'string->int'", e.Message);
    }

    [Fact]
    public async Task Changing_the_state_store_kind_of_a_stateful_query_is_refused()
    {
        var source = Source.Memory<string>();
        var first = StreamingQuery.Start(new KeyedCountPlan(), [source], Sink.Memory<(string, long)>(), Options());
        source.AddData("a");
        await first.ProcessAllAvailableAsync().Bounded();
        await first.StopAsync().Bounded();

        var e = Assert.Throws<CheckpointException>(() =>
            StreamingQuery.Start(new KeyedCountPlan(), [source], Sink.Memory<(string, long)>(), Options() with { StateStore = StateStoreKind.Faster }));
        Assert.Contains("setting 'stateStore' is 'Faster' but the checkpoint was written with 'InMemory'", e.Message);
    }
}
