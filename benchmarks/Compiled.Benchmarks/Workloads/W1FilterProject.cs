using Compiled.Benchmarks.Baselines.W1;
using Compiled.Benchmarks.Data;
using Compiled.Benchmarks.PlanPath;
using Compiled.Benchmarks.Queries;

namespace Compiled.Benchmarks.Workloads;

/// <summary>W1: <c>Where(e =&gt; e.Value &lt; 500).Select(e =&gt; e.Key * 2L)</c>, count and sum the survivors.</summary>
internal sealed class W1FilterProject(Ev[] events, int batchSize) : Workload
{
    /// <inheritdoc/>
    public override string Id => "W1";

    /// <inheritdoc/>
    public override string Title => "filter + project, count and sum";

    /// <inheritdoc/>
    public override string Unit => "events";

    /// <inheritdoc/>
    public override long Units => events.Length;

    /// <inheritdoc/>
    public override int InputRows => events.Length;

    /// <inheritdoc/>
    public override IReadOnlyList<Variant> CreateVariants() =>
    [
        new W1HandWrittenLoop(events),
        new W1HandWrittenBranchFree(events),
        new W1LinqForeach(events),
        new W1LinqCountSum(events),
        new W1Rx(events),
        .. CompiledVariants.Of("Compiled", events, batchSize, W1FilterProjectQuery.CreatePlan, static () => new CountSumOutput()),
    ];

    /// <inheritdoc/>
    public override Workload Prefix(int rows) => new W1FilterProject(events[..rows], batchSize);
}
