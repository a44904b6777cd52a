using Compiled.Batches;
using Compiled.Plans;
using Microsoft.Extensions.Logging.Abstractions;

namespace Compiled.Generators.Tests.Infrastructure;

/// <summary>Drives a compiled plan batch by batch, as the engine would, over an in-memory state store.</summary>
internal sealed class PlanRunner<TIn, TOut>
{
    private readonly Func<IQueryPlan<TOut>> _createPlan;
    private readonly int _inputCount;
    private readonly int _inputIndex;
    private IQueryPlan<TOut> _plan;
    private long _batchId;

    /// <param name="keepTables">
    /// True to let an aggregation keep its state in its own table, as with state in memory only (a restart then loses it);
    /// false to give it a store that outlives the plan.
    /// </param>
    public PlanRunner(Func<IQueryPlan<TOut>> createPlan, int inputCount = 1, int inputIndex = 0, bool keepTables = false)
    {
        _createPlan = createPlan;
        _inputCount = inputCount;
        _inputIndex = inputIndex;
        Stores = new InMemoryStateStoreProvider { KeepsTables = keepTables };
        _plan = Open();
    }

    public InMemoryStateStoreProvider Stores { get; }

    public QueryPlanInfo Info => _plan.Info;

    /// <summary>A new plan instance over the same stores: what recovery after a crash looks like to the plan.</summary>
    public void Restart() => _plan = Open();

    /// <summary>Runs one batch and returns its output rows.</summary>
    public List<TOut> Run(IReadOnlyList<TIn> rows)
    {
        var inputs = new BatchInputs(_inputCount);
        for (int i = 0; i < _inputCount; i++)
        {
            var buffer = inputs.GetBuffer<TIn>(i);
            if (i == _inputIndex)
            {
                foreach (var row in rows) buffer.Add(row);
            }
        }
        var output = BatchPool.Rent<TOut>();
        try
        {
            var batch = new BatchContext();
            batch.Reset(_batchId++, long.MinValue, 0);
            _plan.Execute(inputs, output, batch);
            return output.Span.ToArray().ToList();
        }
        finally
        {
            output.Dispose();
            inputs.Release();
        }
    }

    private IQueryPlan<TOut> Open()
    {
        var plan = _createPlan();
        plan.Open(new PlanContext(Stores, NullLogger.Instance));
        return plan;
    }
}
