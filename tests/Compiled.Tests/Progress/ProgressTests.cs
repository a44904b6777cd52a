using System.Diagnostics.Metrics;
using Compiled.Sinks;
using Compiled.Sources;
using Compiled.Tests.TestSupport;
using Microsoft.Extensions.Logging;

namespace Compiled.Tests.Progress;

public sealed class ProgressTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ManualClock _clock = new(1_700_000_000_000);

    public void Dispose() => _dir.Dispose();

    private QueryOptions Options() => new()
    {
        CheckpointLocation = _dir.Combine("chk"),
        Clock = _clock,
        StateStore = StateStoreKind.InMemory,
    };

    [Fact]
    public async Task Progress_reports_ids_offsets_rows_durations_state_and_sink()
    {
        var memory = Source.Memory<string>("words");
        var source = new ProbeSource<string>(memory);
        var sink = Sink.Memory<(string, long)>("counts");
        await using var query = StreamingQuery.Start(new KeyedCountPlan(), [source], sink, Options() with { Name = "wordCount" });
        memory.AddData("a", "b", "a");
        await query.ProcessAllAvailableAsync().Bounded();
        _clock.Advance(TimeSpan.FromSeconds(2));
        memory.AddData("c");
        await query.ProcessAllAvailableAsync().Bounded();

        var first = query.RecentProgress[0];
        var p = query.LastProgress!;
        Assert.Equal(query.Id, p.Id);
        Assert.Equal(query.RunId, p.RunId);
        Assert.Equal("wordCount", p.Name);
        Assert.Equal(1, p.BatchId);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_002_000), p.Timestamp);
        Assert.Equal(
            ["addBatch", "commitOffsets", "commitState", "latestOffset", "triggerExecution", "walCommit"],
            p.DurationMs.Keys.Order(StringComparer.Ordinal));
        Assert.All(p.DurationMs.Values, v => Assert.True(v >= 0));
        Assert.Equal(p.DurationMs["triggerExecution"], p.BatchDurationMs);
        Assert.Empty(p.EventTime);

        var s = Assert.Single(p.Sources);
        Assert.Equal("Probe(MemorySource<String>[words])", s.Description);
        Assert.Equal("{\"rows\":3}", s.StartOffset);
        Assert.Equal("{\"rows\":4}", s.EndOffset);
        Assert.Equal(1, s.NumInputRows);
        Assert.Equal(0.5, s.InputRowsPerSecond, 6);
        Assert.Equal("2", s.Metrics["readsSoFar"]);
        Assert.Null(first.Sources[0].StartOffset);
        Assert.Equal(3, first.NumInputRows);
        Assert.Equal(0, first.InputRowsPerSecond);
        Assert.Equal(1, p.NumInputRows);

        var state = Assert.Single(p.StateOperators);
        Assert.Equal("Aggregate(count by word)", state.OperatorName);
        Assert.Equal(3, state.NumRowsTotal);
        Assert.Equal(1, state.NumRowsUpdated);
        Assert.Equal(0, state.NumRowsRemoved);
        Assert.True(state.MemoryUsedBytes > 0);
        Assert.Equal(3, first.StateOperators[0].NumRowsUpdated);

        Assert.Equal("MemorySink<ValueTuple`2>[counts]", p.Sink.Description);
        Assert.Equal(3, p.Sink.NumOutputRows);
        Assert.Equal([("a", 2L), ("b", 1L), ("c", 1L)], sink.Rows.Order());
    }

    [Fact]
    public async Task Listeners_see_start_idle_progress_and_termination_and_their_exceptions_do_not_stop_the_query()
    {
        var memory = Source.Memory<int>();
        var listener = new RecordingListener();
        var throwing = new RecordingListener { Throw = true };
        var logs = new CapturingLogger();
        var query = StreamingQuery.Start(new MapPlan(), [memory], Sink.Memory<string>(),
            Options() with { Listeners = [throwing, listener], LoggerFactory = logs });
        // Raised inside Start, before the batch thread runs.
        var started = Assert.IsType<QueryStartedEvent>(listener.Events[0]);
        Assert.Equal((query.Id, query.RunId, "MapQuery"), (started.Id, started.RunId, started.Name));

        memory.AddData(1);
        await query.ProcessAllAvailableAsync().Bounded();
        memory.AddData(2);
        await query.ProcessAllAvailableAsync().Bounded();
        await query.StopAsync().Bounded();

        Assert.Null(query.Exception);
        Assert.Equal([0L, 1L], listener.Progress.Select(p => p.BatchId));
        Assert.Contains(listener.Events, e => e is QueryIdleEvent idle && idle.Id == query.Id);
        var terminated = Assert.IsType<QueryTerminatedEvent>(listener.Events[^1]);
        Assert.Null(terminated.Exception);
        Assert.Equal(listener.Events.Count, throwing.Events.Count);
        Assert.Contains(logs.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains("OnQueryProgress"));
    }

    [Fact]
    public async Task One_information_line_is_logged_per_batch()
    {
        var memory = Source.Memory<int>();
        var logs = new CapturingLogger();
        var query = StreamingQuery.Start(new MapPlan(), [memory], Sink.Memory<string>(), Options() with { LoggerFactory = logs });
        memory.AddData(1, 2);
        await query.ProcessAllAvailableAsync().Bounded();
        await query.StopAsync().Bounded();

        var line = Assert.Single(logs.Lines, l => l.Message.Contains("batch 0:"));
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Matches(@"^Query 'MapQuery' batch 0: 2 input rows, 2 output rows in \d+ ms$", line.Message);
    }

    [Fact]
    public async Task Recent_progress_keeps_only_the_configured_number_of_reports()
    {
        var memory = Source.Memory<int>();
        await using var query = StreamingQuery.Start(new MapPlan(), [memory], Sink.Memory<string>(), Options() with { RecentProgressCount = 2 });
        for (int i = 0; i < 4; i++)
        {
            memory.AddData(i);
            await query.ProcessAllAvailableAsync().Bounded();
        }
        Assert.Equal([2L, 3L], query.RecentProgress.Select(p => p.BatchId));
        Assert.Equal(3, query.LastProgress!.BatchId);
    }

    [Fact]
    public async Task Metrics_are_published_under_the_Compiled_meter_tagged_with_the_query()
    {
        string name = "metrics-" + Guid.NewGuid().ToString("N");
        var measurements = new List<(string Instrument, double Value)>();
        using var meterListener = new MeterListener();
        meterListener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Compiled") l.EnableMeasurementEvents(instrument);
        };
        void OnMeasurement(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "compiled.query.name" && (string?)tag.Value == name)
                    lock (measurements) measurements.Add((instrument.Name, value));
            }
        }
        meterListener.SetMeasurementEventCallback<long>((i, v, t, _) => OnMeasurement(i, v, t));
        meterListener.SetMeasurementEventCallback<double>((i, v, t, _) => OnMeasurement(i, v, t));
        meterListener.Start();

        var memory = Source.Memory<string>();
        var query = StreamingQuery.Start(new KeyedCountPlan(), [memory], Sink.Memory<(string, long)>(), Options() with { Name = name });
        memory.AddData("x", "y", "x");
        await query.ProcessAllAvailableAsync().Bounded();
        await query.StopAsync().Bounded();

        lock (measurements)
        {
            Assert.Contains(("compiled.query.input.rows", 3.0), measurements);
            Assert.Contains(("compiled.query.output.rows", 2.0), measurements);
            Assert.Contains(("compiled.query.batches", 1.0), measurements);
            Assert.Contains(("compiled.query.state.rows", 2.0), measurements);
            Assert.Contains(measurements, m => m.Instrument == "compiled.query.batch.duration");
        }
    }
}
