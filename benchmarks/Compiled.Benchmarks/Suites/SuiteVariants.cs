using Compiled.Benchmarks.Workloads;

namespace Compiled.Benchmarks.Suites;

/// <summary>Turns a workload's variant list into BenchmarkDotNet parameter values and back.</summary>
internal static class SuiteVariants
{
    /// <summary>The names of <paramref name="workload"/>'s variants, in list order.</summary>
    public static IEnumerable<string> Names(Workload workload)
    {
        var variants = workload.CreateVariants();
        var names = variants.Select(v => v.Name).ToList();
        foreach (var variant in variants) variant.Dispose();
        return names;
    }

    /// <summary>The variant of <paramref name="workload"/> called <paramref name="name"/>; the others are disposed.</summary>
    public static Variant Select(Workload workload, string name)
    {
        Variant? selected = null;
        foreach (var variant in workload.CreateVariants())
        {
            if (selected is null && variant.Name == name) selected = variant;
            else variant.Dispose();
        }
        return selected ?? throw new ArgumentException($"Workload {workload.Id} has no variant '{name}'.", nameof(name));
    }
}
