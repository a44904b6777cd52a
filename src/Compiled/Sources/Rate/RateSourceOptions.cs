namespace Compiled.Sources;

/// <summary>Options of <see cref="Source.Rate(RateSourceOptions?)"/> (Spark's <c>rate</c> source).</summary>
/// <remarks>
/// Spark's <c>numPartitions</c> has no counterpart: a Compiled query reads each batch on one thread,
/// so the rows of a batch are produced in value order by a single reader.
/// </remarks>
public sealed record RateSourceOptions
{
    /// <summary>Rows per second once ramped up; must be positive. Default 1.</summary>
    public long RowsPerSecond { get; init; } = 1;

    /// <summary>
    /// Time over which the rate grows linearly to <see cref="RowsPerSecond"/>; truncated to whole seconds
    /// as in Spark. Default zero (full rate at once).
    /// </summary>
    public TimeSpan RampUpTime { get; init; } = TimeSpan.Zero;
}
