using Compiled.Sources;
using Compiled.Sources.Rate;

namespace Compiled;

/// <summary>Factories for the built-in sources.</summary>
public static partial class Source
{
    /// <summary>
    /// Spark's <c>rate</c> source: <see cref="RateSourceOptions.RowsPerSecond"/> rows per second of the
    /// query clock, values 0, 1, 2, …, each stamped with the time it was due. Fault-tolerant: the start
    /// time lives in the checkpoint, so a restart continues the sequence and a replayed batch repeats its rows.
    /// </summary>
    /// <param name="options">Rate and ramp-up; null for one row per second.</param>
    public static ISource<RateRow> Rate(RateSourceOptions? options = null) => new RateSource(options ?? new RateSourceOptions());

    /// <summary>
    /// Spark's <c>rate-micro-batch</c> source: exactly <paramref name="rowsPerBatch"/> new rows per batch,
    /// independent of the clock, for benchmarks and reproducible tests.
    /// </summary>
    /// <param name="rowsPerBatch">Rows in every batch; must be positive.</param>
    /// <param name="options">Start timestamp and per-batch timestamp advance; null for Spark's defaults.</param>
    public static ISource<RateRow> RateMicroBatch(long rowsPerBatch, RateMicroBatchSourceOptions? options = null) =>
        new RateMicroBatchSource(rowsPerBatch, options ?? new RateMicroBatchSourceOptions());
}
