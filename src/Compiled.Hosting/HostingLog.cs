using Microsoft.Extensions.Logging;

namespace Compiled.Hosting;

/// <summary>The hosting layer's log messages (the query's own go through the same logger factory).</summary>
internal static partial class HostingLog
{
    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Hosted query '{Query}' starting")]
    internal static partial void Starting(ILogger logger, string query);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information,
        Message = "Hosted query '{Query}' stopping: the current batch finishes, or is abandoned before its offsets are logged")]
    internal static partial void Stopping(ILogger logger, string query);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "Hosted query '{Query}' stopped")]
    internal static partial void Stopped(ILogger logger, string query);

    [LoggerMessage(EventId = 104, Level = LogLevel.Information, Message = "Hosted query '{Query}' completed: its trigger processed everything it was asked to")]
    internal static partial void Completed(ILogger logger, string query);

    [LoggerMessage(EventId = 105, Level = LogLevel.Critical, Message = "Hosted query '{Query}' failed; stopping the application (exit code 1)")]
    internal static partial void FailedStopping(ILogger logger, string query, Exception exception);

    [LoggerMessage(EventId = 106, Level = LogLevel.Error, Message = "Hosted query '{Query}' failed; the application keeps running and the health check reports it Unhealthy")]
    internal static partial void FailedKeepRunning(ILogger logger, string query, Exception exception);

    [LoggerMessage(EventId = 107, Level = LogLevel.Warning,
        Message = "Hosted query '{Query}' did not stop within the host's shutdown timeout; its batch is abandoned and re-run from the checkpoint at the next start")]
    internal static partial void StopTimedOut(ILogger logger, string query);
}
