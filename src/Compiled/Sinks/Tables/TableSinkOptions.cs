namespace Compiled.Sinks.Tables;

/// <summary>Settings shared by the SQLite and PostgreSQL table sinks.</summary>
public sealed record TableSinkOptions
{
    /// <summary>The defaults: a 30 s retry budget starting at 100 ms between attempts, doubling up to 5 s.</summary>
    public static TableSinkOptions Default { get; } = new();

    /// <summary>
    /// How long a batch (or opening the sink) keeps retrying after the connection is lost or the database is busy,
    /// counted from the first failure. When it is spent the query fails, naming the sink, the batch and the cause;
    /// a restart completes the batch exactly once. Zero fails at the first transient error.
    /// </summary>
    public TimeSpan RetryBudget { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The wait before the first retry; each further wait doubles, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest wait between two attempts.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The table that records, per query and target table, the last batch id committed; written in the same
    /// transaction as the rows. Created when missing.
    /// </summary>
    public string ProgressTable { get; init; } = "_compiled_progress";

    /// <summary>Whether a missing target table is created from the row type (the default); when false it must exist.</summary>
    public bool CreateTable { get; init; } = true;

    /// <summary>Fails with a message naming the option when a value is out of range.</summary>
    internal void Validate(string sink)
    {
        if (RetryBudget < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(RetryBudget), RetryBudget, $"{sink}: {nameof(RetryBudget)} must not be negative.");
        if (InitialBackoff <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(InitialBackoff), InitialBackoff, $"{sink}: {nameof(InitialBackoff)} must be positive.");
        if (MaxBackoff < InitialBackoff) throw new ArgumentOutOfRangeException(nameof(MaxBackoff), MaxBackoff, $"{sink}: {nameof(MaxBackoff)} must be at least {nameof(InitialBackoff)}.");
        if (string.IsNullOrWhiteSpace(ProgressTable)) throw new ArgumentException($"{sink}: {nameof(ProgressTable)} must name a table.", nameof(ProgressTable));
    }
}
