namespace Compiled;

/// <summary>What a query is doing right now (Spark's <c>StreamingQueryStatus</c>).</summary>
/// <param name="Message">E.g. "Waiting for data to arrive", "Processing new data".</param>
/// <param name="IsDataAvailable">True when the last look at the sources found new data.</param>
/// <param name="IsTriggerActive">True while a trigger is being handled (offsets asked, batch running).</param>
public sealed record StreamingQueryStatus(string Message, bool IsDataAvailable, bool IsTriggerActive)
{
    internal static StreamingQueryStatus Initializing { get; } = new("Initializing sources", false, false);
    internal static StreamingQueryStatus GettingOffsets { get; } = new("Getting offsets from sources", false, true);
    internal static StreamingQueryStatus Processing { get; } = new("Processing new data", true, true);
    internal static StreamingQueryStatus WaitingForData { get; } = new("Waiting for data to arrive", false, false);
    internal static StreamingQueryStatus WaitingForTrigger { get; } = new("Waiting for next trigger", false, false);
    internal static StreamingQueryStatus Stopped { get; } = new("Stopped", false, false);
}
