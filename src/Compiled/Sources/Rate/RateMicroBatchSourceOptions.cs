namespace Compiled.Sources;

/// <summary>Options of <see cref="Source.RateMicroBatch(long, RateMicroBatchSourceOptions?)"/> (Spark's <c>rate-micro-batch</c> source).</summary>
public sealed record RateMicroBatchSourceOptions
{
    /// <summary>Timestamp of every row of the first batch (UTC, millisecond precision). Default the Unix epoch, as Spark's <c>startTimestamp</c> = 0.</summary>
    public DateTime StartTimestamp { get; init; } = DateTime.UnixEpoch;

    /// <summary>How far the row timestamp advances from one batch to the next (millisecond precision, not negative). Default one second.</summary>
    public TimeSpan AdvancePerBatch { get; init; } = TimeSpan.FromSeconds(1);
}
