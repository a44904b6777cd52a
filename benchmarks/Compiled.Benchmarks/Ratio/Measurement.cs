using Compiled.Benchmarks.Workloads;

namespace Compiled.Benchmarks.Ratio;

/// <summary>What the ratio runner measured for one variant.</summary>
/// <param name="Variant">The variant's name.</param>
/// <param name="Runs">Measured runs (0 when skipped).</param>
/// <param name="MedianSeconds">Median wall time of one run over all the data.</param>
/// <param name="UnitsPerSecond">Events or words per second at the median.</param>
/// <param name="BytesPerUnit">Median bytes allocated on the benchmark thread per event or word.</param>
/// <param name="CpuSeconds">Median CPU time of the whole process (every thread) over one run.</param>
/// <param name="Checksum">Digest of the variant's result.</param>
/// <param name="SkipReason">Why the variant was not measured, or null.</param>
internal sealed record Measurement(
    string Variant,
    int Runs,
    double MedianSeconds,
    double UnitsPerSecond,
    double BytesPerUnit,
    double CpuSeconds,
    Checksum Checksum,
    string? SkipReason)
{
    /// <summary>A variant that was not run.</summary>
    public static Measurement Skipped(string variant, string reason) => new(variant, 0, 0, 0, 0, 0, default, reason);
}
