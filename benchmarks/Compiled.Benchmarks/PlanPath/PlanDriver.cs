using Compiled.Batches;
using Compiled.Engine;
using Compiled.Plans;
using Compiled.State;
using Microsoft.Extensions.Logging.Abstractions;

namespace Compiled.Benchmarks.PlanPath;

/// <summary>
/// Runs a one-input plan the way the engine runs a micro-batch, minus sources, the offsets and commits logs,
/// progress and the sink: the batch's rows are lent to the plan (no copy), the plan executes, and the state is
/// committed as the engine commits it (<c>Checkpoint(N)</c>, <c>CollectMetrics()</c>, and <c>Purge</c> once
/// more than <see cref="QueryOptions.RetainBatches"/> versions exist). The watermark moves as the engine moves it: after
/// each batch, to the largest event time the plan reported minus the input's delay.
/// </summary>
/// <remarks>
/// The state store provider is chosen by <see cref="StateStoreProviders.Create"/> with the engine's default
/// options, so a stateless plan gets the empty in-memory provider whatever the kind, exactly as in a query.
/// One driver per run: batch ids start at 0 over empty state.
/// </remarks>
internal sealed class PlanDriver<TIn, TOut> : IDisposable
{
    // The benchmark plans never read processing time; a fixed value keeps replays identical.
    private const long BatchTimestampMs = 0;
    private static readonly QueryOptions s_defaults = new();

    private readonly IQueryPlan<TOut> _plan;
    private readonly IStateStoreProvider _stores;
    private readonly BatchInputs _inputs = new(1);
    private readonly RowBuffer<TOut> _output = BatchPool.Rent<TOut>();
    private readonly BatchContext _batch = new();
    private readonly long _watermarkDelayMs;
    private long _nextBatchId;
    private long _watermarkMs = long.MinValue;

    /// <summary>Opens <paramref name="plan"/> over new state of <paramref name="kind"/> under <paramref name="stateDirectory"/>.</summary>
    public PlanDriver(IQueryPlan<TOut> plan, StateStoreKind kind, string stateDirectory)
    {
        if (plan.Info.Inputs.Count != 1)
        {
            throw new ArgumentException(
                $"Plan '{plan.Info.QueryName}' has {plan.Info.Inputs.Count} inputs; the benchmark driver feeds exactly one.",
                nameof(plan));
        }
        _plan = plan;
        _watermarkDelayMs = plan.Info.Inputs[0].Watermark?.DelayMs ?? 0;
        NeedsNoDataBatches = plan.Info.StateOperators.Any(o => o.NeedsNoDataBatch);
        _stores = StateStoreProviders.Create(
            kind, plan.Info.StateOperators.Count > 0, stateDirectory, recoverToBatchId: null,
            s_defaults.StateMemoryBudgetBytes, s_defaults.StateSnapshotInterval, loggerFactory: null);
        // The input's lending slot is created now, so the first timed batch allocates nothing.
        _inputs.Lend(0, ReadOnlyMemory<TIn>.Empty);
        _inputs.Clear();
        try
        {
            plan.Open(new PlanContext(_stores, NullLogger.Instance));
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>True when the plan has windows that a moved watermark alone closes (the engine then runs batches without data).</summary>
    public bool NeedsNoDataBatches { get; }

    /// <summary>Runs one batch over <paramref name="rows"/>; the output stays valid until the next call.</summary>
    public ReadOnlySpan<TOut> Execute(ReadOnlyMemory<TIn> rows) => Run(rows, noData: false);

    /// <summary>
    /// What the engine does when the input is exhausted: a batch without data, if the watermark has reached a window end
    /// the plan waits for (its <c>EventTimeDeadlineMs</c>); otherwise nothing. The output stays valid until the next call.
    /// </summary>
    public ReadOnlySpan<TOut> ExecuteWithoutData() =>
        NeedsNoDataBatches && _watermarkMs != long.MinValue && _plan.EventTimeDeadlineMs <= _watermarkMs
            ? Run(ReadOnlyMemory<TIn>.Empty, noData: true)
            : [];

    private ReadOnlySpan<TOut> Run(ReadOnlyMemory<TIn> rows, bool noData)
    {
        long batchId = _nextBatchId++;
        _inputs.Clear();
        _inputs.Lend(0, rows);
        _output.Clear();
        _batch.Reset(batchId, _watermarkMs, BatchTimestampMs, noData);
        _plan.Execute(_inputs, _output, _batch);
        if (_batch.MaxEventTimeMs != long.MinValue) _watermarkMs = Math.Max(_watermarkMs, _batch.MaxEventTimeMs - _watermarkDelayMs);

        // MicroBatchExecution.RunBatch, commitState and the state part of commitOffsets.
        _stores.Checkpoint(batchId);
        _stores.CollectMetrics();
        long oldestToKeep = batchId + 1 - s_defaults.RetainBatches;
        if (oldestToKeep > 0) _stores.Purge(oldestToKeep);
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
