namespace Compiled.Hosting;

/// <summary>The trigger of a hosted query, as configuration spells it (<c>"Trigger": "ProcessingTime"</c>).</summary>
public enum HostedTrigger
{
    /// <summary><see cref="Trigger.Default"/>: a new batch as soon as the previous one ends and data is there.</summary>
    Default,
    /// <summary><see cref="Trigger.ProcessingTime"/> every <see cref="StreamingQueryHostOptions.TriggerInterval"/>.</summary>
    ProcessingTime,
    /// <summary><see cref="Trigger.AvailableNow"/>: everything available at start, in batches, then the query completes.</summary>
    AvailableNow,
    /// <summary><see cref="Trigger.Once"/>: everything available at start in one batch, then the query completes.</summary>
    Once,
}
