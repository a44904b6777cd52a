using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace HostedWordCount;

/// <summary>
/// Logs the health report at an interval: a worker has no HTTP endpoint, so this is how the sample shows the
/// streaming-query health check (an ASP.NET Core app would map it with <c>app.MapHealthChecks("/health")</c>).
/// </summary>
internal sealed class HealthReportLogger(HealthCheckService health, IOptions<WordCountSettings> settings, ILogger<HealthReportLogger> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.Value.HealthLogInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            HealthReport report = await health.CheckHealthAsync(stoppingToken);
            foreach (var (name, entry) in report.Entries)
            {
                logger.LogInformation("Health {Check}: {Status} ({Description}) {Data}", name, entry.Status, entry.Description,
                    string.Join(", ", entry.Data.Select(d => $"{d.Key}={d.Value}")));
            }
        }
    }
}
