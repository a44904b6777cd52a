namespace Compiled.Hosting;

/// <summary>Where a hosted query is in its life, as the health check reports it.</summary>
public enum HostedQueryState
{
    /// <summary>The host has not started it yet.</summary>
    NotStarted,
    /// <summary>Running batches or waiting for data.</summary>
    Running,
    /// <summary>Its trigger finished (AvailableNow, Once): everything it was asked to read is processed.</summary>
    Completed,
    /// <summary>Stopped by the host's shutdown.</summary>
    Stopped,
    /// <summary>Failed; see the health check's description and the log.</summary>
    Failed,
}
