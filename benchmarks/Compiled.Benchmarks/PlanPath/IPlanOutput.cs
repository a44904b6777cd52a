using Compiled.Benchmarks.Workloads;

namespace Compiled.Benchmarks.PlanPath;

/// <summary>
/// What the benchmark does with a plan's output rows after each batch: the least a sink would do (count,
/// upsert into an array, or nothing), plus enough bookkeeping to digest the final result.
/// </summary>
internal interface IPlanOutput<TOut>
{
    /// <summary>Forgets the previous run.</summary>
    void Reset();

    /// <summary>Receives one batch's output; <paramref name="isLastBatch"/> marks the end of the input.</summary>
    void Write(ReadOnlySpan<TOut> rows, bool isLastBatch);

    /// <summary>Digest of the result the rows written since <see cref="Reset"/> describe.</summary>
    Checksum Checksum();
}
