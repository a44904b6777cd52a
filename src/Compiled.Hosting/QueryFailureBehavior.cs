namespace Compiled.Hosting;

/// <summary>What the host does when a hosted query fails.</summary>
public enum QueryFailureBehavior
{
    /// <summary>Log the failure, set the process exit code to 1 and stop the application (the default).</summary>
    StopApplication,
    /// <summary>Log the failure and keep the application running; the health check reports the query Unhealthy.</summary>
    KeepRunning,
}
