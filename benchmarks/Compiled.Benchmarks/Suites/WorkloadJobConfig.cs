using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;

namespace Compiled.Benchmarks.Suites;

/// <summary>
/// The job of every workload suite: each invocation processes the whole data set (0.1 s to several seconds),
/// so BenchmarkDotNet's pilot and unrolling are pointless, and one invocation per iteration lets
/// <c>[IterationSetup]</c> give the Compiled variants fresh state before each one.
/// </summary>
public sealed class WorkloadJobConfig : ManualConfig
{
    private const int WarmupIterations = 2;
    private const int MeasuredIterations = 5;

    /// <summary>Creates the configuration.</summary>
    public WorkloadJobConfig()
    {
        AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(WarmupIterations)
            .WithIterationCount(MeasuredIterations)
            .WithInvocationCount(1)
            .WithUnrollFactor(1));
        AddColumn(StatisticColumn.Median);
    }
}
