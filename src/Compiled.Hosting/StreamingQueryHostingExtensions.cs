using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Compiled.Hosting;

/// <summary>Registers streaming queries as hosted services, and their health check.</summary>
public static class StreamingQueryHostingExtensions
{
    /// <summary>
    /// Runs a generated query as a hosted service named <paramref name="name"/>: <paramref name="start"/> calls the
    /// query's generated <c>Start</c> with its sources and sink and the <see cref="QueryOptions"/> it is given
    /// (built from configuration section <c>Compiled:Queries:&lt;name&gt;</c>, see <see cref="StreamingQueryHostOptions"/>,
    /// with the app's logger factory). Returns the options builder, for <c>.Configure(...)</c> in code.
    /// </summary>
    /// <example>
    /// <code>
    /// builder.Services.AddStreamingQuery("LargeOrders", (services, options) =>
    ///     LargeOrdersQuery.Start(Source.JsonFiles&lt;Order&gt;("in"), Sink.JsonFiles&lt;Order&gt;("out"), options));
    /// </code>
    /// </example>
    public static OptionsBuilder<StreamingQueryHostOptions> AddStreamingQuery(
        this IServiceCollection services,
        string name,
        Func<IServiceProvider, QueryOptions, StreamingQuery> start)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(start);

        services.TryAddSingleton<HostedQueryRegistry>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IHostedService>(provider => new StreamingQueryService(
            name,
            start,
            provider,
            provider.GetRequiredService<IOptionsMonitor<StreamingQueryHostOptions>>(),
            provider.GetRequiredService<ILoggerFactory>(),
            provider.GetRequiredService<IHostApplicationLifetime>(),
            provider.GetRequiredService<HostedQueryRegistry>(),
            provider.GetRequiredService<TimeProvider>()));
        return services.AddOptions<StreamingQueryHostOptions>(name)
            .BindConfiguration(StreamingQueryHostOptions.SectionPrefix + ":" + name);
    }

    /// <summary>Adds <see cref="StreamingQueryHealthCheck"/>, which reports every hosted query's state and lag.</summary>
    public static IHealthChecksBuilder AddStreamingQueries(this IHealthChecksBuilder builder, string name = "streaming-queries", IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<HostedQueryRegistry>();
        return builder.AddCheck<StreamingQueryHealthCheck>(name, failureStatus: null, tags: tags ?? []);
    }
}
