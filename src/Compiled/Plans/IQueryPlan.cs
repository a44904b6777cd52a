using Compiled.Batches;

namespace Compiled.Plans;

/// <summary>
/// A compiled query: the contract between generated code and the micro-batch engine.
/// </summary>
/// <remarks>
/// The engine calls <see cref="Open"/> once per run (after state recovery is arranged), then
/// <see cref="Execute"/> once per micro-batch on a single thread. A plan must be deterministic:
/// the same inputs and the same recovered state give the same output, which is what makes a
/// replayed batch safe. See docs/runtime-contract.md.
/// </remarks>
public interface IQueryPlan<TOut>
{
    /// <summary>Static facts about the plan: name, fingerprint, inputs, stateful operators.</summary>
    QueryPlanInfo Info { get; }

    /// <summary>Creates the plan's state stores through <paramref name="context"/>.</summary>
    void Open(PlanContext context);

    /// <summary>Runs one micro-batch: reads every input's rows and appends the batch's output rows.</summary>
    void Execute(BatchInputs inputs, RowBuffer<TOut> output, BatchContext batch);
}
