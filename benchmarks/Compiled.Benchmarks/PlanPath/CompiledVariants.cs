using Compiled.Benchmarks.Workloads;
using Compiled.Plans;

namespace Compiled.Benchmarks.PlanPath;

/// <summary>The two Compiled variants of a query: state in memory, and durable state (changelog per batch, FASTER base every 10 batches).</summary>
internal static class CompiledVariants
{
    /// <summary>
    /// "&lt;prefix&gt; (in-memory state)" and "&lt;prefix&gt; (durable, changelog per batch)", both running a new
    /// plan from <paramref name="createPlan"/> over <paramref name="input"/>, each with its own output.
    /// </summary>
    public static IEnumerable<Variant> Of<TIn, TOut>(
        string prefix,
        TIn[] input,
        int batchSize,
        Func<IQueryPlan<TOut>> createPlan,
        Func<IPlanOutput<TOut>> createOutput)
    {
        yield return new PlanVariant<TIn, TOut>(
            $"{prefix} (in-memory state)", input, batchSize, createPlan, StateStoreKind.InMemory, createOutput());
        yield return new PlanVariant<TIn, TOut>(
            $"{prefix} (durable, changelog per batch)", input, batchSize, createPlan, StateStoreKind.Faster, createOutput());
    }
}
