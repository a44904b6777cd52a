using BenchmarkDotNet.Attributes;
using Compiled.Benchmarks.Data;
using Compiled.Benchmarks.Workloads;

namespace Compiled.Benchmarks.Suites;

/// <summary>
/// W2b dense tumbling window count and sum (benchmarks.md): every variant of <see cref="W2bDenseWindowCount"/> over the full data set. Times and allocations are per
/// event (<c>OperationsPerInvoke</c>); a variant added to the workload's list appears here.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(WorkloadJobConfig))]
public class W2bDenseWindowCountBenchmarks
{
    private Variant _variant = null!;

    /// <summary>The variant measured, by name.</summary>
    [ParamsSource(nameof(Variants))]
    public string Variant { get; set; } = "";

    /// <summary>Every variant's name.</summary>
    public static IEnumerable<string> Variants => SuiteVariants.Names(new W2bDenseWindowCount([], WorkloadSizes.BatchSize));

    /// <summary>Generates the data and creates the variant.</summary>
    [GlobalSetup]
    public void Setup() => _variant = SuiteVariants.Select(new W2bDenseWindowCount(EventData.GenerateDense(WorkloadSizes.WindowEvents), WorkloadSizes.BatchSize), Variant);

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
