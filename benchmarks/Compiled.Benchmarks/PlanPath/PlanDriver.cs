using Compiled.Batches;
using Compiled.Plans;
using Compiled.State;
using Microsoft.Extensions.Logging.Abstractions;

namespace Compiled.Benchmarks.PlanPath;

/// <summary>
/// Runs a one-input plan the way the engine runs a micro-batch, minus sources, the offsets and commits logs,
/// progress and the sink: rows are copied into the batch's input buffer, the plan executes, and the state
/// stores are checkpointed as version N after every batch.
/// </summary>
/// <remarks>Owns <c>stores</c> and disposes them. One driver per run: batch ids start at 0.</remarks>
internal sealed class PlanDriver<TIn, TOut> : IDisposable
{
    // The benchmark plans never read processing time; a fixed value keeps replays identical.
    private const long BatchTimestampMs = 0;

    private readonly IQueryPlan<TOut> _plan;
    private readonly IStateStoreProvider _stores;
    private readonly BatchInputs _inputs = new(1);
    private readonly RowBuffer<TOut> _output = BatchPool.Rent<TOut>();
    private readonly BatchContext _batch = new();
    private long _nextBatchId;

    /// <summary>Opens <paramref name="plan"/> over <paramref name="stores"/>.</summary>
    public PlanDriver(IQueryPlan<TOut> plan, IStateStoreProvider stores)
    {
        if (plan.Info.Inputs.Count != 1)
        {
            throw new ArgumentException(
                $"Plan '{plan.Info.QueryName}' has {plan.Info.Inputs.Count} inputs; the benchmark driver feeds exactly one.",
                nameof(plan));
        }
        _plan = plan;
        _stores = stores;
        _inputs.GetBuffer<TIn>(0);   // created now, so the first timed batch allocates nothing
        plan.Open(new PlanContext(stores, NullLogger.Instance));
    }

    /// <summary>Runs one batch over <paramref name="rows"/>; the output stays valid until the next call.</summary>
    public ReadOnlySpan<TOut> Execute(ReadOnlySpan<TIn> rows)
    {
        _inputs.Clear();
        _inputs.GetBuffer<TIn>(0).AddRange(rows);
        _output.Clear();
        _batch.Reset(_nextBatchId, long.MinValue, BatchTimestampMs);
        _plan.Execute(_inputs, _output, _batch);
        _stores.Checkpoint(_nextBatchId);
        _nextBatchId++;
        return _output.Span;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _inputs.Release();
        _output.Dispose();
        _stores.Dispose();
    }
}
