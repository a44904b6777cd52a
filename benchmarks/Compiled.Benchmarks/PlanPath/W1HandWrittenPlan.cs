using Compiled.Batches;
using Compiled.Benchmarks.Data;
using Compiled.Plans;

namespace Compiled.Benchmarks.PlanPath;

/// <summary>
/// W1 written by hand against <see cref="IQueryPlan{TOut}"/>: the fused loop the generator should emit for
/// <see cref="Queries.W1FilterProjectQuery"/>. Run through <see cref="PlanDriver{TIn, TOut}"/> it shows what the
/// plan contract itself costs (batch copy-in, output buffer) before any generated code is involved.
/// </summary>
internal sealed class W1HandWrittenPlan : IQueryPlan<long>
{
    private static readonly QueryPlanInfo s_info = new(
        QueryName: nameof(W1HandWrittenPlan),
        Fingerprint: nameof(W1HandWrittenPlan),
        OutputMode: OutputMode.Append,
        Inputs: [new InputInfo("events", typeof(Ev).FullName!)],
        StateOperators: [],
        PlanDescription: "Source(events) -> Filter(Value < 500) -> Map(Key * 2L)");

    /// <inheritdoc/>
    public QueryPlanInfo Info => s_info;

    /// <inheritdoc/>
    public void Open(PlanContext context) { }

    /// <inheritdoc/>
    public void Execute(BatchInputs inputs, RowBuffer<long> output, BatchContext batch)
    {
        foreach (ref readonly Ev e in inputs.Get<Ev>(0))
        {
            if (e.Value < WorkloadSizes.W1ValueLimit) output.Add(e.Key * 2L);
        }
    }
}
