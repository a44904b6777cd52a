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

    /// <summary>
    /// The smallest event-time watermark at which a batch without new data would emit or evict something (the earliest
    /// window end in state); <see cref="long.MaxValue"/> when nothing waits. Read by the engine after each batch and after
    /// <see cref="Open"/>, only for plans with an operator whose <see cref="StateOperatorInfo.NeedsNoDataBatch"/> is set.
    /// The default, <see cref="long.MinValue"/>, means "unknown": any advance of the watermark runs such a batch (Spark's rule).
    /// </summary>
    long EventTimeDeadlineMs => long.MinValue;

    /// <summary>
    /// The earliest processing time (Unix ms, the query clock) at which a batch without new data would emit or evict
    /// something: the earliest end of a processing-time window in state; <see cref="long.MaxValue"/> (the default) when none.
    /// </summary>
    long ProcessingTimeDeadlineMs => long.MaxValue;

    /// <summary>
    /// True while an operator must run in every trigger interval even without new rows: <c>UpdateStateByKey</c> holding
    /// state calls its function for every key each interval, as a DStream does. The engine honours it only under a
    /// processing-time trigger, whose interval is the DStream batch interval; under the default trigger it would run
    /// empty batches back to back.
    /// </summary>
    bool WantsBatchEveryTrigger => false;
}
