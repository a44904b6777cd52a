using BenchmarkDotNet.Attributes;
using Compiled.Benchmarks.Data;
using Compiled.Benchmarks.Workloads;

namespace Compiled.Benchmarks.Suites;

/// <summary>
/// Sliding-window count over W2b's events for size/slide 1, 4 and 16: every variant of <see cref="SlidingWindowCount"/>.
/// Times and allocations are per event (<c>OperationsPerInvoke</c>).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(WorkloadJobConfig))]
public class SlidingWindowCountBenchmarks
{
    private Variant _variant = null!;

    /// <summary>Window size divided by slide.</summary>
    [Params(1, 4, 16)]
    public int Ratio { get; set; }

    /// <summary>The variant measured, by name.</summary>
    [ParamsSource(nameof(Variants))]
    public string Variant { get; set; } = "";

    /// <summary>Every variant's name (the same for every ratio).</summary>
    public static IEnumerable<string> Variants => SuiteVariants.Names(new SlidingWindowCount([], WorkloadSizes.BatchSize, 1));

    /// <summary>Generates the data and creates the variant.</summary>
    [GlobalSetup]
    public void Setup() => _variant = SuiteVariants.Select(
        new SlidingWindowCount(EventData.GenerateDense(WorkloadSizes.WindowEvents), WorkloadSizes.BatchSize, Ratio), Variant);

    /// <summary>Fresh state for the next run (a no-op for the baselines).</summary>
    [IterationSetup]
    public void Prepare() => _variant.Prepare();

    /// <summary>One run over all the data.</summary>
    [Benchmark(OperationsPerInvoke = WorkloadSizes.WindowEvents)]
    public long Run() => _variant.Run();

    /// <summary>Releases the variant's state.</summary>
    [GlobalCleanup]
    public void Cleanup() => _variant.Dispose();
}
