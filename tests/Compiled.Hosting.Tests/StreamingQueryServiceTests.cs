using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Compiled.Hosting.Tests;

/// <summary>A generated query hosted in a real generic host, in process: options, logging, stop, failures, health.</summary>
public sealed class StreamingQueryServiceTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "compiled-hosting-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Runs_with_options_from_configuration_logs_through_the_app_reports_health_and_stops_with_the_host()
    {
        string checkpoint = Path.Combine(_root, "chk");
        var source = Source.Memory<string>();
        var output = new OutputRecorder();
        var logs = new LogCollector();
        StreamingQuery? started = null;
        using IHost host = BuildHost(logs, new()
        {
            ["Compiled:Queries:Words:CheckpointLocation"] = checkpoint,
            ["Compiled:Queries:Words:StateStore"] = "InMemory",
            ["Compiled:Queries:Words:MaxLag"] = "00:10:00",
        }, (_, options) => started = CountWords.Start(source, output.Sink, options));

        await host.StartAsync().WithinLimit();
        source.AddData("a", "b", "a");
        Assert.Equal([new WordTotal("a", 2), new WordTotal("b", 1)], await output.NextBatch().WithinLimit());
        await started!.ProcessAllAvailableAsync().WithinLimit();   // batch 0 reported, and the sources found empty

        // The configured checkpoint is the one in use (a temporary one would be elsewhere).
        Assert.True(File.Exists(Path.Combine(checkpoint, "commits", "0")), "commits/0 under the configured checkpoint");
        HealthReport health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync().WithinLimit();
        Assert.Equal(HealthStatus.Healthy, health.Status);
        HealthReportEntry entry = health.Entries["streaming-queries"];
        Assert.Equal("Running", entry.Data["Words.state"]);
        Assert.Equal(0L, entry.Data["Words.batch_id"]);

        await host.StopAsync().WithinLimit();
        HostedQuery hosted = host.Services.GetRequiredService<HostedQueryRegistry>().Find("Words")!;
        Assert.Equal(HostedQueryState.Stopped, hosted.State);
        Assert.Contains(logs.Entries, e => e.Category == "Compiled.StreamingQuery" && e.Message.StartsWith("Query 'Words' batch 0: 3 input rows", StringComparison.Ordinal));
        Assert.Contains(logs.Entries, e => e.Message == "Hosted query 'Words' stopped");
    }

    [Fact]
    public async Task A_failed_query_stops_the_application_with_exit_code_1_by_default()
    {
        var source = Source.Memory<string>();
        var logs = new LogCollector();
        using IHost host = BuildHost(logs, new() { ["Compiled:Queries:Words:StateStore"] = "InMemory" },
            (_, options) => CountWords.Start(source, Sink.ForeachBatch<WordTotal>((_, _) => throw new IOException("sink disk full")), options));
        try
        {
            await host.StartAsync().WithinLimit();
            source.AddData("a");
            await host.WaitForShutdownAsync().WithinLimit();

            Assert.Equal(1, Environment.ExitCode);
            Assert.Equal(HostedQueryState.Failed, host.Services.GetRequiredService<HostedQueryRegistry>().Find("Words")!.State);
            var critical = Assert.Single(logs.Entries, e => e.Level == LogLevel.Critical);
            Assert.Contains("'Words' failed; stopping the application", critical.Message, StringComparison.Ordinal);
        }
        finally
        {
            Environment.ExitCode = 0;
        }
    }

    [Fact]
    public async Task A_failed_query_with_KeepRunning_leaves_the_application_up_and_unhealthy()
    {
        var source = Source.Memory<string>();
        using IHost host = BuildHost(new LogCollector(), new()
        {
            ["Compiled:Queries:Words:StateStore"] = "InMemory",
            ["Compiled:Queries:Words:OnFailure"] = "KeepRunning",
        }, (_, options) => CountWords.Start(source, Sink.ForeachBatch<WordTotal>((_, _) => throw new IOException("sink disk full")), options));

        await host.StartAsync().WithinLimit();
        source.AddData("a");
        HostedQuery hosted = host.Services.GetRequiredService<HostedQueryRegistry>().Find("Words")!;
        await hosted.Termination.WithinLimit();
        Assert.Equal(HostedQueryState.Failed, hosted.State);

        HealthReport health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync().WithinLimit();
        Assert.Equal(HealthStatus.Unhealthy, health.Status);
        Assert.Contains("sink disk full", health.Entries["streaming-queries"].Exception!.ToString(), StringComparison.Ordinal);
        Assert.False(host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
        Assert.Equal(0, Environment.ExitCode);
        await host.StopAsync().WithinLimit();
    }

    [Fact]
    public async Task ProcessingTime_without_an_interval_fails_the_start_naming_the_configuration_key()
    {
        using IHost host = BuildHost(new LogCollector(), new() { ["Compiled:Queries:Words:Trigger"] = "ProcessingTime" },
            (_, options) => CountWords.Start(Source.Memory<string>(), Sink.ForeachBatch<WordTotal>((_, _) => { }), options));

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync().WithinLimit());
        Assert.Contains("Compiled:Queries:Words:TriggerInterval", e.Message, StringComparison.Ordinal);
    }

    private static IHost BuildHost(LogCollector logs, Dictionary<string, string?> configuration, Func<IServiceProvider, QueryOptions, StreamingQuery> start)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Logging.AddProvider(logs);
        builder.Services.AddStreamingQuery("Words", start);
        builder.Services.AddHealthChecks().AddStreamingQueries();
        return builder.Build();
    }

    /// <summary>A ForeachBatch sink whose batches the test awaits one by one.</summary>
    private sealed class OutputRecorder
    {
        private readonly System.Threading.Channels.Channel<List<WordTotal>> _batches = System.Threading.Channels.Channel.CreateUnbounded<List<WordTotal>>();

        public OutputRecorder() => Sink = Compiled.Sink.ForeachBatch<WordTotal>((rows, _) => _batches.Writer.TryWrite(rows.ToArray().ToList()));

        public Compiled.Sinks.ISink<WordTotal> Sink { get; }

        public Task<List<WordTotal>> NextBatch() => _batches.Reader.ReadAsync().AsTask();
    }
}
