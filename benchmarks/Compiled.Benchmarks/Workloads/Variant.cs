namespace Compiled.Benchmarks.Workloads;

/// <summary>
/// One way of computing a workload over the data it was created with: a baseline or a Compiled plan. The
/// ratio runner and the BenchmarkDotNet suites drive the same instances, so both modes measure the same code.
/// </summary>
/// <remarks>
/// <see cref="Prepare"/> runs untimed before every <see cref="Run"/> and gives the variant fresh state
/// (a Compiled plan's stores, for instance); <see cref="Run"/> is timed and computes the whole result;
/// <see cref="Checksum"/> runs untimed afterwards.
/// </remarks>
internal abstract class Variant(string name) : IDisposable
{
    /// <summary>Name in tables and in the BenchmarkDotNet <c>Variant</c> parameter.</summary>
    public string Name { get; } = name;

    /// <summary>Resets state before a timed run; baselines keep all their state inside <see cref="Run"/>.</summary>
    public virtual void Prepare() { }

    /// <summary>Computes the workload over all the data; returns a small summary so the JIT cannot drop the work.</summary>
    public abstract long Run();

    /// <summary>Digest of the last run's full result.</summary>
    public abstract Checksum Checksum();

    /// <summary>Releases state the last run left behind (buffers, state directories).</summary>
    public virtual void Dispose() { }
}
