namespace Compiled;

/// <summary>When the engine starts the next micro-batch (Spark's triggers).</summary>
public abstract record Trigger
{
    private Trigger() { }

    /// <summary>Next batch as soon as the previous one finished, waiting (without spinning) for new data.</summary>
    public static Trigger Default { get; } = new DefaultTrigger();

    /// <summary>Everything present at start, in as many batches as per-trigger limits make, then stop.</summary>
    public static Trigger AvailableNow { get; } = new AvailableNowTrigger();

    /// <summary>Everything present at start in one batch, then stop.</summary>
    public static Trigger Once { get; } = new OnceTrigger();

    /// <summary>
    /// A batch every <paramref name="interval"/>: a batch that finishes early waits for the next
    /// boundary, a late batch starts the next at once, and no batch starts without new data.
    /// </summary>
    public static Trigger ProcessingTime(TimeSpan interval)
    {
        if (interval <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "A processing-time trigger interval must be positive.");
        return new ProcessingTimeTrigger(interval);
    }

    /// <summary>The default trigger.</summary>
    public sealed record DefaultTrigger : Trigger;

    /// <summary>The available-now trigger.</summary>
    public sealed record AvailableNowTrigger : Trigger;

    /// <summary>The once trigger.</summary>
    public sealed record OnceTrigger : Trigger;

    /// <summary>The processing-time trigger.</summary>
    /// <param name="Interval">Time between batch starts.</param>
    public sealed record ProcessingTimeTrigger(TimeSpan Interval) : Trigger;
}
