using Compiled;
using Compiled.Hosting;
using HostedWordCount;
using WordCount;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

// A worker that runs the word count as a hosted service. Configuration (appsettings.json, environment variables
// such as Compiled__Queries__WordCount__CheckpointLocation, or --Compiled:Queries:WordCount:Trigger=AvailableNow on
// the command line) sets the query's run options; SIGTERM or Ctrl+C stops it after the current batch.
var builder = Host.CreateApplicationBuilder(args);
builder.Services.Configure<WordCountSettings>(builder.Configuration.GetSection("WordCount"));
var settings = builder.Configuration.GetSection("WordCount").Get<WordCountSettings>() ?? new WordCountSettings();
string input = Path.Combine(AppContext.BaseDirectory, settings.Input);

builder.Services.AddStreamingQuery("WordCount", (services, options) =>
    WordCountQuery.Start(Source.TextFiles(input), CountsFile.Sink(settings.Output), options));
builder.Services.AddHealthChecks().AddStreamingQueries();
builder.Services.AddHostedService<HealthReportLogger>();

if (builder.Configuration.GetValue<bool>("Telemetry:Console"))
{
    // The runtime's meter and activity source are both named "Compiled" (docs/observability.md).
    builder.Services.AddOpenTelemetry()
        .WithMetrics(metrics => metrics.AddMeter("Compiled").AddConsoleExporter())
        .WithTracing(tracing => tracing.AddSource("Compiled").AddConsoleExporter());
}

await builder.Build().RunAsync();
