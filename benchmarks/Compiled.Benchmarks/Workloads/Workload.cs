namespace Compiled.Benchmarks.Workloads;

/// <summary>One workload of benchmarks.md over one data set, and the variants that compute it.</summary>
internal abstract class Workload
{
    /// <summary>Id from benchmarks.md, e.g. "W1".</summary>
    public abstract string Id { get; }

    /// <summary>What the workload computes, for table headings.</summary>
    public abstract string Title { get; }

    /// <summary>What throughput counts: "events" or "words".</summary>
    public abstract string Unit { get; }

    /// <summary>Number of <see cref="Unit"/>s in the data set.</summary>
    public abstract long Units { get; }

    /// <summary>Input rows in the data set (events or lines).</summary>
    public abstract int InputRows { get; }

    /// <summary>
    /// A fresh instance of every variant, the hand-written reference loop first; the caller disposes them.
    /// This list is the extension point: a variant added here appears in the ratio table and in the
    /// BenchmarkDotNet suite of the workload.
    /// </summary>
    public abstract IReadOnlyList<Variant> CreateVariants();

    /// <summary>The same workload over the first <paramref name="rows"/> input rows (copied), for JIT warm-up.</summary>
    public abstract Workload Prefix(int rows);
}
