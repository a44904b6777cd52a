using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Compiled.Hosting.Tests;

/// <summary>Lag and health of one hosted query, driven by its listener callbacks and a manual clock.</summary>
public sealed class HostedQueryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Lag_grows_from_the_last_batch_trigger_until_the_query_finds_its_sources_empty_and_degrades_health_past_MaxLag()
    {
        var time = new ManualTimeProvider(T0);
        var hosted = new HostedQuery("Q", time, maxLag: TimeSpan.FromSeconds(30));
        var registry = new HostedQueryRegistry();
        registry.Add(hosted);
        var check = new StreamingQueryHealthCheck(registry);
        IStreamingQueryListener listener = hosted;

        Assert.Equal(TimeSpan.Zero, hosted.Lag);   // not started
        hosted.Started();
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(TimeSpan.FromSeconds(10), hosted.Lag);   // a backlog at start: nothing processed yet

        listener.OnQueryProgress(Progress(batchId: 0, triggerStart: T0 + TimeSpan.FromSeconds(4)));
        Assert.Equal(TimeSpan.FromSeconds(6), hosted.Lag);     // rows newer than batch 0's trigger may wait

        time.Advance(TimeSpan.FromSeconds(40));
        Assert.Equal(TimeSpan.FromSeconds(46), hosted.Lag);
        var degraded = await check.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Degraded, degraded.Status);
        Assert.Contains("'Q' lags 46 s", degraded.Description, StringComparison.Ordinal);
        Assert.Equal(46.0, degraded.Data["Q.lag_seconds"]);
        Assert.Equal(0L, degraded.Data["Q.batch_id"]);

        listener.OnQueryIdle(new QueryIdleEvent(Guid.Empty, Guid.Empty, time.GetUtcNow()));
        Assert.Equal(TimeSpan.Zero, hosted.Lag);
        var healthy = await check.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Healthy, healthy.Status);
        Assert.Equal("Running", healthy.Data["Q.state"]);
    }

    [Fact]
    public async Task A_failure_is_unhealthy_and_a_later_stop_does_not_hide_it()
    {
        var hosted = new HostedQuery("Q", new ManualTimeProvider(T0), TimeSpan.FromMinutes(1));
        var registry = new HostedQueryRegistry();
        registry.Add(hosted);
        hosted.Started();
        var failure = new InvalidOperationException("disk full");
        hosted.Ended(HostedQueryState.Failed, failure);
        hosted.Ended(HostedQueryState.Stopped);

        var result = await new StreamingQueryHealthCheck(registry).CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Same(failure, result.Exception);
        Assert.Equal("'Q' failed: disk full", result.Description);
        Assert.Equal("Failed", result.Data["Q.state"]);
    }

    [Fact]
    public void Two_queries_with_one_name_are_refused_with_the_name()
    {
        var registry = new HostedQueryRegistry();
        registry.Add(new HostedQuery("Words", TimeProvider.System, TimeSpan.FromMinutes(1)));
        var e = Assert.Throws<InvalidOperationException>(() => registry.Add(new HostedQuery("Words", TimeProvider.System, TimeSpan.FromMinutes(1))));
        Assert.Contains("'Words'", e.Message, StringComparison.Ordinal);
    }

    private static StreamingQueryProgress Progress(long batchId, DateTimeOffset triggerStart) => new()
    {
        Id = Guid.Empty,
        RunId = Guid.Empty,
        Name = "Q",
        Timestamp = triggerStart,
        BatchId = batchId,
        BatchDurationMs = 1,
        DurationMs = new Dictionary<string, long>(),
        EventTime = new Dictionary<string, string>(),
        StateOperators = [],
        Sources = [],
        Sink = new SinkProgress("test", 0, new Dictionary<string, string>()),
    };
}
