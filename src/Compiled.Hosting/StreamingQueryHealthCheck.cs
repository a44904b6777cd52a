using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Compiled.Hosting;

/// <summary>
/// Reports every hosted query: Unhealthy when one failed, Degraded when one lags more than its
/// <see cref="StreamingQueryHostOptions.MaxLag"/>, Healthy otherwise. The data holds, per query,
/// <c>&lt;name&gt;.state</c>, <c>&lt;name&gt;.lag_seconds</c> and, after its first batch, <c>&lt;name&gt;.batch_id</c>
/// and <c>&lt;name&gt;.watermark</c> when it has one.
/// </summary>
public sealed class StreamingQueryHealthCheck(HostedQueryRegistry registry) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        var problems = new List<string>();
        HealthStatus status = HealthStatus.Healthy;
        Exception? firstFailure = null;
        foreach (HostedQuery query in registry.Queries)
        {
            HostedQueryState state = query.State;
            TimeSpan lag = query.Lag;
            data[query.Name + ".state"] = state.ToString();
            data[query.Name + ".lag_seconds"] = Math.Round(lag.TotalSeconds, 3);
            if (query.LastProgress is { } progress)
            {
                data[query.Name + ".batch_id"] = progress.BatchId;
                if (progress.EventTime.TryGetValue("watermark", out string? watermark)) data[query.Name + ".watermark"] = watermark;
            }

            if (state == HostedQueryState.Failed)
            {
                status = HealthStatus.Unhealthy;
                firstFailure ??= query.Failure;
                problems.Add($"'{query.Name}' failed: {query.Failure?.Message}");
            }
            else if (lag > query.MaxLag)
            {
                if (status == HealthStatus.Healthy) status = HealthStatus.Degraded;
                problems.Add(string.Create(CultureInfo.InvariantCulture,
                    $"'{query.Name}' lags {lag.TotalSeconds:0.#} s behind its input (more than {query.MaxLag.TotalSeconds:0.#} s)"));
            }
        }
        string description = problems.Count > 0
            ? string.Join("; ", problems)
            : $"{registry.Queries.Count} streaming quer{(registry.Queries.Count == 1 ? "y" : "ies")} keeping up";
        return Task.FromResult(new HealthCheckResult(status, description, firstFailure, data));
    }
}
