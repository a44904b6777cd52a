using Compiled.Batches;
using Compiled.Plans;
using Compiled.Sinks;

namespace Compiled.Engine;

/// <summary>Runs an <see cref="IQueryPlan{TOut}"/> and writes its output to an <see cref="ISink{T}"/>.</summary>
internal sealed class BatchRunner<TOut> : IBatchRunner
{
    private readonly IQueryPlan<TOut> _plan;
    private readonly ISink<TOut> _sink;
    private RowBuffer<TOut>? _output;

    internal BatchRunner(IQueryPlan<TOut> plan, ISink<TOut> sink)
    {
        _plan = plan;
        _sink = sink;
    }

    /// <inheritdoc />
    public string SinkDescription => _sink.Description;

    /// <inheritdoc />
    public void Open(PlanContext planContext, SinkContext sinkContext)
    {
        _sink.Open(sinkContext);
        _plan.Open(planContext);
        _output = BatchPool.Rent<TOut>();
    }

    /// <inheritdoc />
    public long Execute(BatchInputs inputs, BatchContext batch)
    {
        var output = _output ?? throw new InvalidOperationException("The batch runner was not opened.");
        output.Clear();
        _plan.Execute(inputs, output, batch);
        _sink.AddBatch(batch.BatchId, output.Span);
        return output.Count;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _output?.Dispose();
        _output = null;
        _sink.Dispose();
    }
}
