using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Compiled.Hosting;

/// <summary>
/// Runs one streaming query for the lifetime of the host: starts it with options from configuration, watches
/// it, and stops it when the host stops (SIGTERM, Ctrl+C, <see cref="IHostApplicationLifetime.StopApplication"/>).
/// </summary>
/// <remarks>
/// Stopping never leaves a half-written checkpoint: <see cref="StreamingQuery.StopAsync"/> lets the current batch
/// finish, or abandons it before its offsets are logged, and every checkpoint file is written whole (temporary file
/// and rename). When the host's shutdown timeout ends first, the process may exit mid-batch; that batch is logged
/// but not committed and runs again, with the same offsets, at the next start.
/// </remarks>
internal sealed class StreamingQueryService : IHostedService
{
    private readonly string _name;
    private readonly Func<IServiceProvider, QueryOptions, StreamingQuery> _start;
    private readonly IServiceProvider _services;
    private readonly StreamingQueryHostOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly HostedQuery _hosted;
    private StreamingQuery? _query;
    private Task _monitor = Task.CompletedTask;
    private volatile bool _stopping;

    public StreamingQueryService(
        string name,
        Func<IServiceProvider, QueryOptions, StreamingQuery> start,
        IServiceProvider services,
        IOptionsMonitor<StreamingQueryHostOptions> options,
        ILoggerFactory loggerFactory,
        IHostApplicationLifetime lifetime,
        HostedQueryRegistry registry,
        TimeProvider time)
    {
        _name = name;
        _start = start;
        _services = services;
        _options = options.Get(name);
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger("Compiled.Hosting.StreamingQueryService");
        _lifetime = lifetime;
        _hosted = new HostedQuery(name, time, _options.MaxLag);
        registry.Add(_hosted);
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        HostingLog.Starting(_logger, _name);
        try
        {
            QueryOptions options = _options.ToQueryOptions(_name, _loggerFactory, _hosted);
            _query = _start(_services, options)
                ?? throw new InvalidOperationException($"The start function of hosted query '{_name}' returned null instead of the started query.");
        }
        catch (Exception e)
        {
            // A query that cannot start (bad configuration, a checkpoint of another query) is a failure like any other.
            _hosted.Ended(HostedQueryState.Failed, e);
            if (_options.OnFailure == QueryFailureBehavior.StopApplication) throw;
            HostingLog.FailedKeepRunning(_logger, _name, e);
            return Task.CompletedTask;
        }
        _hosted.Started();
        _monitor = MonitorAsync(_query);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        if (_query is not { } query) return;
        HostingLog.Stopping(_logger, _name);
        try
        {
            await query.StopAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            HostingLog.StopTimedOut(_logger, _name);
            return;
        }
        await _monitor.ConfigureAwait(false);
    }

    private async Task MonitorAsync(StreamingQuery query)
    {
        try
        {
            await query.AwaitTerminationAsync().ConfigureAwait(false);
        }
        catch (StreamingQueryException failure)
        {
            _hosted.Ended(HostedQueryState.Failed, failure);
            if (_options.OnFailure == QueryFailureBehavior.KeepRunning)
            {
                HostingLog.FailedKeepRunning(_logger, _name, failure);
                return;
            }
            HostingLog.FailedStopping(_logger, _name, failure);
            Environment.ExitCode = 1;
            _lifetime.StopApplication();
            return;
        }
        if (_stopping)
        {
            _hosted.Ended(HostedQueryState.Stopped);
            HostingLog.Stopped(_logger, _name);
        }
        else
        {
            _hosted.Ended(HostedQueryState.Completed);
            HostingLog.Completed(_logger, _name);
        }
    }
}
